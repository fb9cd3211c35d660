"""Build the shipped instrument `kla-2024` from the regency recap and Layak's own labels.

Codes, maxima, agencies and the kecamatan/kelurahan flags come from
`../shared/data/instrumen-kla-2024.json`; labels, indicator names, answer kinds and the
scoring thresholds are Layak's own (`scripts/kla2024/*.csv`). The ministry's question
sentences are deliberately not copied: a region imports its official wording at run time.
Only what a sentence asks for is kept: `"matrix": true` when it asks for a matrix
(`layak.core.instrument.asks_for_matrix`, issue 18).

Run: .venv/bin/python scripts/build_kla2024.py [PATH_TO_SHARED_JSON]
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from layak.core.instrument import asks_for_matrix  # noqa: E402  (the path above first)

SOURCE = ROOT.parent / "shared" / "data" / "instrumen-kla-2024.json"
TARGET = ROOT / "src" / "layak" / "core" / "instruments" / "kla-2024.json"

PARTS = {
    "KELEMBAGAAN": ("KL", "Kelembagaan"),
    "KLASTER I": ("K1", "Klaster I — Hak sipil dan kebebasan"),
    "KLASTER II": ("K2", "Klaster II — Lingkungan keluarga dan pengasuhan alternatif"),
    "KLASTER III": ("K3", "Klaster III — Kesehatan dasar dan kesejahteraan"),
    "KLASTER IV": ("K4", "Klaster IV — Pendidikan, waktu luang, dan kegiatan budaya"),
    "KLASTER V": ("K5", "Klaster V — Perlindungan khusus"),
    "KELANA DEKELA": ("KD", "KELANA/DEKELA — KLA di kecamatan dan desa/kelurahan"),
}

# Layak's default scoring rules. The ministry does not publish per-question rules; these
# are working assumptions that a region can change in its own instrument file.
PERCENT_UP = [{"value": v, "fraction": f} for v, f in ((25, 0.25), (50, 0.5), (75, 0.75), (100, 1))]
PERCENT_DOWN = [{"value": v, "fraction": f} for v, f in ((0, 1), (25, 0.75), (50, 0.5), (75, 0.25))]
# Prevalence among children (underweight, overweight, stunting): the real 2024 recap gave full
# points at 13.1 % and 13.3 %, so full points cannot wait for 0 %. Full points up to the
# national 2024 stunting target (14 %, RPJMN 2020–2024), then WHO's public-health bands
# (medium below 20 %, high below 30 %, very high from 30 %; 40 % as the last step).
PREVALENCE = [{"value": v, "fraction": f} for v, f in ((14, 1), (20, 0.75), (30, 0.5), (40, 0.25))]
THRESHOLD_SETS = {"prevalensi": PREVALENCE}
AT_LEAST_ONE = [{"value": 1, "fraction": 1}]

CHOICES = {
    "4.3": "naik:Naik:1|tetap:Tetap:0.5|turun:Turun:0",
    "5.3": "ampk:Ada pengakses, termasuk AMPK:1|umum:Ada pengakses, tanpa AMPK:0.5"
    "|tidak:Tidak ada data:0",
    "6.1": "lengkap:SK dan program kapasitas:1|sebagian:Hanya salah satu:0.5|tidak:Tidak ada:0",
}


def compact(code: str) -> str:
    return re.sub(r"(Indikator|Pertanyaan|\s)", "", code)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    recap = json.loads(source.read_text(encoding="utf-8"))
    with open(ROOT / "scripts" / "kla2024" / "questions.csv", encoding="utf-8") as fh:
        labels = {row["kode"]: row for row in csv.DictReader(fh)}
    with open(ROOT / "scripts" / "kla2024" / "indicators.csv", encoding="utf-8") as fh:
        indicator_names = {row["kode"]: row["nama"] for row in csv.DictReader(fh)}

    parts = []
    for raw_part in recap["parts"]:
        part_code, part_name = PARTS[raw_part["name"]]
        indicators = []
        for raw_indicator in raw_part["indicators"]:
            indicator_code = compact(raw_indicator["code"])
            questions = []
            for raw in raw_indicator["questions"]:
                code = f"{indicator_code}.{compact(raw['code'])}"
                own = labels[code]
                question: dict[str, object] = {
                    "code": code,
                    "label": own["label"],
                    "max": raw["max_points"],
                    "kind": own["kind"],
                    "agencies": raw["source_agencies"],
                    "per_kecamatan": raw["per_kecamatan"],
                    "per_desa_kelurahan": raw["per_desa_kelurahan"],
                }
                if own["kind"] == "pilihan":
                    question["options"] = [
                        {"key": k, "label": label, "fraction": float(f)}
                        for k, label, f in (o.split(":") for o in CHOICES[code].split("|"))
                    ]
                elif own["kind"] == "persentase":
                    question["direction"] = own["direction"]
                    question["thresholds"] = THRESHOLD_SETS.get(own["ambang"]) or (
                        PERCENT_DOWN if own["direction"] == "turun" else PERCENT_UP
                    )
                elif own["kind"] == "angka":
                    question["direction"] = own["direction"]
                    question["thresholds"] = AT_LEAST_ONE
                if own["negatif"] == "ya":
                    # Worded so that "ya" is the bad answer (a tobacco sponsor, children
                    # held with adults): "tidak" earns the points.
                    question["negative"] = True
                if asks_for_matrix(raw["text"]):
                    question["matrix"] = True
                questions.append(question)
            indicators.append(
                {
                    "code": indicator_code,
                    "name": indicator_names[indicator_code],
                    "max": raw_indicator["max_points"],
                    "questions": questions,
                }
            )
        parts.append(
            {
                "code": part_code,
                "name": part_name,
                "max": raw_part["max_points"],
                "indicators": indicators,
            }
        )

    instrument = {
        "format": "layak-instrument/1",
        "id": "kla-2024",
        "name": "Evaluasi KLA 2024 — Penilaian Mandiri",
        "year": 2024,
        "source": "Struktur, kode, nilai maksimal, dan sumber data dari rekap penilaian mandiri "
        "KLA 2024 sebuah kabupaten; label dan aturan penilaian per jenis jawaban milik Layak.",
        "note": "Aturan penilaian per pertanyaan (ambang persentase, opsi pilihan) adalah "
        "asumsi bawaan Layak karena juknis resmi tidak memuatnya: jawaban mengusulkan poin, "
        "dan poin yang diklaim boleh disesuaikan sampai nilai maksimal seperti rekap nasional "
        "yang memberi nilai sebagian. Prevalensi gizi kurang, gizi lebih dan stunting bernilai "
        "penuh sampai 14 % (sasaran stunting nasional 2024), lalu mengikuti batas WHO. "
        "Jumlah nilai maksimal bagian ditulis 1035 di sumber, dan tiga bagian tidak "
        "sama dengan jumlah pertanyaannya: Layak menampilkannya sebagai peringatan.",
        "bands": [
            {"name": "Pratama", "min": 500, "max": 600},
            {"name": "Madya", "min": 601, "max": 700},
            {"name": "Nindya", "min": 701, "max": 800},
            {"name": "Utama", "min": 801, "max": 900},
            {"name": "KLA", "min": 901, "max": 1000},
        ],
        "parts": parts,
    }
    TARGET.write_text(json.dumps(instrument, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    count = sum(len(i["questions"]) for p in parts for i in p["indicators"])
    print(f"wrote {TARGET.relative_to(ROOT)}: {count} questions")


if __name__ == "__main__":
    main()
