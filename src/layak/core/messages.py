"""User-facing messages, in Indonesian (default) and English, and the one way to refuse input.

The core has no Django, so it carries its own small catalogue. Every rule the core enforces has
one key here; forms, imports, the API and the command line all render the same message.

`CATALOGUE` is the one registry of keys: each Django app keeps the messages of its own rules in
its `messages.py` and adds them with `register()` from its `AppConfig.ready()`, so a key is
defined once, by the app that owns the rule, and `msg()` knows every key once the apps are
loaded. A service refuses with `InputError([Problem(msg(key, ...), column=field)])`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from layak.core.numbers import Lang as Lang
from layak.core.numbers import Number, Numeric, localise_number

CATALOGUE: dict[str, tuple[str, str]] = {
    # Instrument consistency (loading an instrument file).
    "instrument.duplicate_code": (
        "kode pertanyaan {code} dipakai lebih dari sekali",
        "question code {code} is used more than once",
    ),
    "instrument.duplicate_indicator": (
        "kode indikator {code} dipakai lebih dari sekali",
        "indicator code {code} is used more than once",
    ),
    "instrument.duplicate_part": (
        "kode bagian {code} dipakai lebih dari sekali",
        "part code {code} is used more than once",
    ),
    "instrument.bad_code": (
        "kode pertanyaan {code!r} tidak sah (huruf, angka, dan titik saja, mis. 21A.3)",
        "question code {code!r} is not valid (letters, digits and dots only, e.g. 21A.3)",
    ),
    "instrument.negative_max": (
        "nilai maksimal {code} negatif ({value})",
        "the maximum of {code} is negative ({value})",
    ),
    "instrument.part_max_mismatch": (
        "bagian {code} ({name}): nilai maksimal tertulis {stated} tetapi jumlah nilai "
        "maksimal pertanyaannya {actual}",
        "part {code} ({name}): stated maximum {stated} but its questions add up to {actual}",
    ),
    "instrument.indicator_max_mismatch": (
        "indikator {code}: nilai maksimal tertulis {stated} tetapi jumlah nilai maksimal "
        "pertanyaannya {actual}",
        "indicator {code}: stated maximum {stated} but its questions add up to {actual}",
    ),
    "instrument.total_vs_top_band": (
        "jumlah nilai maksimal bagian-bagian {stated} berbeda dari batas atas predikat "
        "tertinggi {top}; jumlah yang dapat dicapai dari pertanyaan {actual}",
        "the parts' stated maxima add up to {stated}, not the top band's upper end {top}; "
        "the questions can reach {actual}",
    ),
    "instrument.band_overlap": (
        "rentang predikat {first} ({first_min}–{first_max}) dan {second} "
        "({second_min}–{second_max}) tumpang tindih",
        "predicate bands {first} ({first_min}–{first_max}) and {second} "
        "({second_min}–{second_max}) overlap",
    ),
    "instrument.band_gap": (
        "ada celah antara predikat {first} (sampai {first_max}) dan {second} (mulai {second_min})",
        "there is a gap between {first} (up to {first_max}) and {second} (from {second_min})",
    ),
    "instrument.band_inverted": (
        "rentang predikat {name} terbalik ({low}–{high})",
        "predicate band {name} is inverted ({low}–{high})",
    ),
    "instrument.duplicate_band": (
        "nama predikat {name} dipakai lebih dari sekali",
        "predicate name {name} is used more than once",
    ),
    "instrument.no_bands": (
        "instrumen tidak memiliki rentang predikat",
        "the instrument has no predicate bands",
    ),
    "instrument.no_questions": (
        "instrumen tidak memiliki pertanyaan",
        "the instrument has no questions",
    ),
    "instrument.missing_field": (
        "{where}: isian {field} wajib ada",
        "{where}: field {field} is required",
    ),
    "instrument.bad_field": (
        "{where}: isian {field} tidak sah: {detail}",
        "{where}: field {field} is not valid: {detail}",
    ),
    "instrument.unknown_kind": (
        "{code}: jenis jawaban {kind!r} tidak dikenal (ya_tidak, pilihan, persentase, angka, poin)",
        "{code}: answer kind {kind!r} is unknown (ya_tidak, pilihan, persentase, angka, poin)",
    ),
    "instrument.kind_needs_options": (
        "{code}: jawaban pilihan memerlukan sedikitnya dua opsi",
        "{code}: a choice answer needs at least two options",
    ),
    "instrument.kind_needs_thresholds": (
        "{code}: jawaban {kind} memerlukan sedikitnya satu ambang",
        "{code}: a {kind} answer needs at least one threshold",
    ),
    "instrument.bad_fraction": (
        "{code}: bagian nilai {value} harus antara 0 dan 1",
        "{code}: the share of points {value} must be between 0 and 1",
    ),
    "instrument.duplicate_option": (
        "{code}: opsi {key} dipakai lebih dari sekali",
        "{code}: option {key} is used more than once",
    ),
    "instrument.negative_needs_yes_no": (
        "{code}: hanya pertanyaan ya/tidak yang dapat bertanda negatif (jenisnya {kind})",
        "{code}: only a yes/no question can be marked negative (its kind is {kind})",
    ),
    "instrument.unknown": (
        "instrumen {name!r} tidak dikenal; yang tersedia: {available}",
        "instrument {name!r} is unknown; available: {available}",
    ),
    "instrument.unreadable": (
        "berkas instrumen tidak dapat dibaca: {detail}",
        "the instrument file cannot be read: {detail}",
    ),
    # Answers (points claimed, evidence counts).
    "answer.points_above_max": (
        "nilai {value} melebihi nilai maksimal pertanyaan {code}, yaitu {maximum}",
        "points {value} exceed the maximum of question {code}, which is {maximum}",
    ),
    "answer.points_negative": (
        "nilai {value} untuk pertanyaan {code} tidak boleh negatif",
        "points {value} for question {code} must not be negative",
    ),
    "answer.points_not_a_number": (
        "poin {value!r} untuk pertanyaan {code} bukan angka (tulis misalnya 2,5 atau 2.5)",
        "points {value!r} for question {code} are not a number (write for example 2.5)",
    ),
    "answer.strict_needs_value": (
        "pertanyaan {code} hanya dinilai dari jawabannya (ya/tidak, pilihan atau angka); "
        "isi jawabannya, bukan poin saja",
        "question {code} is scored only from its answer (yes/no, an option or a number); "
        "give the answer, not points alone",
    ),
    "answer.strict_points": (
        "pertanyaan {code} hanya dinilai dari jawabannya: jawaban itu bernilai {proposed} poin, "
        "bukan {value}",
        "question {code} is scored only from its answer: that answer earns {proposed} points, "
        "not {value}",
    ),
    "answer.strict_units": (
        "nilai pertanyaan {code} hanya dihitung dari jawaban kecamatan/kelurahan; poinnya "
        "tidak dapat diubah",
        "question {code} is scored only from the kecamatan/kelurahan answers; its points "
        "cannot be changed",
    ),
    "answer.unit_points": (
        "kecamatan/kelurahan menjawab ya atau tidak; poin kota dihitung dari jawaban semua unit",
        "a kecamatan/kelurahan answers yes or no; the city's points are computed from every "
        "unit's answer",
    ),
    "answer.not_a_number": (
        "{value!r} bukan angka",
        "{value!r} is not a number",
    ),
    "answer.not_whole_number": (
        "{value!r} harus bilangan bulat 0 atau lebih",
        "{value!r} must be a whole number, 0 or more",
    ),
    "answer.unknown_code": (
        "kode {code!r} tidak ada dalam instrumen {instrument}",
        "code {code!r} is not in instrument {instrument}",
    ),
    "answer.duplicate_code": (
        "kode {code} sudah muncul di baris {first_row}",
        "code {code} already appeared on row {first_row}",
    ),
    "answer.missing_code": (
        "kode wajib diisi",
        "the code is required",
    ),
    "answer.not_yes_no": (
        "{value!r} bukan jawaban ya/tidak",
        "{value!r} is not a yes/no answer",
    ),
    "answer.unknown_option": (
        "opsi {value!r} tidak dikenal; pilihan: {options}",
        "option {value!r} is unknown; choices: {options}",
    ),
    "answer.percentage_range": (
        "persentase {value} harus antara 0 dan 100",
        "percentage {value} must be between 0 and 100",
    ),
    "answer.number_negative": (
        "angka {value} tidak boleh negatif",
        "the number {value} must not be negative",
    ),
    "answer.number_too_large": (
        "angka terlalu besar: paling banyak {maximum}",
        "the number is too large: at most {maximum}",
    ),
    # Sums of money, typed into any form (layak.core.rupiah.parse_amount).
    "rupiah.unreadable": (
        "Nilai (rupiah) tidak terbaca: tulis angka seperti 25.000.000 atau 1.500.000,50 "
        "(paling banyak dua angka sen).",
        "Value (rupiah) unreadable: write a number such as 25.000.000 or 1.500.000,50 "
        "(at most two digits of sen).",
    ),
    "rupiah.negative": (
        "Nilai (rupiah) tidak boleh negatif.",
        "Value (rupiah) cannot be negative.",
    ),
    # Files and tables.
    "file.missing": ("berkas {path} tidak ditemukan", "file {path} does not exist"),
    "file.empty": ("berkas kosong", "the file is empty"),
    "file.too_large": (
        "berkas terlalu besar ({size} bita; batas {limit} bita)",
        "the file is too large ({size} bytes; the limit is {limit} bytes)",
    ),
    "file.unknown_type": (
        "jenis berkas tidak dikenali; gunakan .xlsx atau .csv",
        "unknown file type; use .xlsx or .csv",
    ),
    "file.not_xlsx": (
        "berkas bukan buku kerja Excel .xlsx yang sah: {detail}",
        "the file is not a valid Excel .xlsx workbook: {detail}",
    ),
    "file.xlsx_not_zip": (
        "berkas bernama .xlsx tetapi isinya bukan buku kerja Excel",
        "the file is named .xlsx but does not hold an Excel workbook",
    ),
    "file.xlsx_no_workbook": (
        "arsip zip ini bukan buku kerja Excel (xl/workbook.xml tidak ada)",
        "this zip archive is not an Excel workbook (no xl/workbook.xml)",
    ),
    "file.unreadable": (
        "berkas tidak dapat dibaca: {detail}",
        "the file cannot be read: {detail}",
    ),
    "file.legacy_or_encrypted": (
        "berkas adalah buku kerja Excel lama (.xls) atau terenkripsi kata sandi; simpan ulang "
        "sebagai .xlsx tanpa kata sandi",
        "the file is an old Excel workbook (.xls) or password-protected; save it again as "
        ".xlsx without a password",
    ),
    "file.macro": (
        "buku kerja berisi makro (VBA); simpan ulang sebagai .xlsx tanpa makro",
        "the workbook contains macros (VBA); save it again as .xlsx without macros",
    ),
    "file.zip_too_many_entries": (
        "buku kerja berisi {count} berkas internal (batas {limit})",
        "the workbook holds {count} internal files (the limit is {limit})",
    ),
    "file.zip_too_big_unpacked": (
        "buku kerja terurai menjadi {size} bita (batas {limit}); berkas ditolak",
        "the workbook unpacks to {size} bytes (the limit is {limit}); refused",
    ),
    "file.zip_ratio": (
        "bagian {name} buku kerja dimampatkan secara tidak wajar (rasio {ratio}:1, batas "
        "{limit}:1); berkas ditolak",
        "part {name} of the workbook is compressed suspiciously (ratio {ratio}:1, the limit "
        "is {limit}:1); refused",
    ),
    "file.zip_bad_name": (
        "buku kerja berisi nama berkas internal yang tidak aman: {name!r}",
        "the workbook holds an unsafe internal file name: {name!r}",
    ),
    "file.no_sheet": (
        "buku kerja tidak memiliki lembar kerja",
        "the workbook has no worksheet",
    ),
    "file.encoding": (
        "teks berkas tidak dapat dibaca sebagai UTF-8, UTF-16, atau Windows-1252",
        "the file's text cannot be read as UTF-8, UTF-16 or Windows-1252",
    ),
    "file.binary": (
        "berkas berisi data biner, bukan tabel teks",
        "the file holds binary data, not a text table",
    ),
    "file.too_many_rows": (
        "berkas berisi lebih dari {limit} baris data",
        "the file holds more than {limit} data rows",
    ),
    "file.no_header": (
        "baris judul kolom tidak ditemukan",
        "no header row found",
    ),
    "file.no_rows": (
        "berkas tidak berisi baris data",
        "the file holds no data rows",
    ),
    "file.missing_columns": (
        "kolom wajib tidak ada: {columns} (kolom yang ada: {found})",
        "required columns are missing: {columns} (columns found: {found})",
    ),
    "file.duplicate_column": (
        "kolom {column} muncul lebih dari sekali",
        "column {column} appears more than once",
    ),
    "file.write_failed": (
        "berkas {path} tidak dapat ditulis: {detail}",
        "file {path} cannot be written: {detail}",
    ),
    "file.xml_entities": (
        "bagian {name} berisi deklarasi entitas XML (DTD), yang dipakai untuk menyerang "
        "server; simpan ulang berkasnya dari Excel atau Word",
        "part {name} holds an XML entity declaration (DTD), which is used to attack servers; "
        "save the file again from Excel or Word",
    ),
    "file.name_unsafe": (
        "nama berkas {name!r} berisi folder atau karakter kendali; ganti namanya",
        "the file name {name!r} holds folders or control characters; rename it",
    ),
    "file.name_runnable": (
        "nama berkas {name!r} memuat akhiran program (.{extension}); ganti namanya",
        "the file name {name!r} carries a program's extension (.{extension}); rename it",
    ),
    "file.storage_failed": (
        "berkas tidak dapat disimpan karena penyimpanan server menolak menulis ({detail}); "
        "tidak ada yang tersimpan. Coba lagi nanti atau hubungi administrator",
        "the file cannot be kept because the server's storage refused the write ({detail}); "
        "nothing was saved. Try again later or ask the administrator",
    ),
    # Gap plan.
    "gap.unknown_predicate": (
        "predikat {name!r} tidak dikenal; pilihan: {available}",
        "predicate {name!r} is unknown; choices: {available}",
    ),
    "effort.bad_value": (
        "upaya {value!r} harus angka lebih dari 0 dan paling banyak 1000 dengan paling banyak "
        "2 angka desimal, atau '-' jika tindakan ini tidak mungkin",
        "effort {value!r} must be a number above 0 and at most 1000 with at most 2 decimals, "
        "or '-' when the action is not possible",
    ),
    # The three figures of a cycle (layak.core.figures) and the stages they stand at.
    "figure.penilaian_mandiri": ("Penilaian mandiri", "Self-assessment"),
    "figure.proyeksi_terverifikasi": ("Proyeksi terverifikasi", "Projected verified"),
    "figure.terverifikasi": ("Terverifikasi", "Verified"),
    "figure.verified_at": ("Terverifikasi ({stage})", "Verified ({stage})"),
    "figure.stage.mandiri": ("penilaian mandiri", "self-assessment"),
    "figure.stage.verifikasi_administrasi": (
        "verifikasi administrasi",
        "administrative verification",
    ),
    "figure.stage.verifikasi_lapangan": ("verifikasi lapangan", "field verification"),
    "figure.stage.final": ("final", "final"),
    # The evaluation cycle.
    "stage.closed": (
        "tahap {stage} tidak sedang dibuka ({opens} sampai {closes}); perubahan ditolak",
        "the {stage} stage is not open ({opens} to {closes}); the change is refused",
    ),
    "stage.not_scheduled": (
        "tahap {stage} belum dijadwalkan; perubahan ditolak",
        "the {stage} stage has no schedule yet; the change is refused",
    ),
    "stage.locked": (
        "tahap {stage} dikunci oleh sekretariat sejak {when}: {reason}",
        "the {stage} stage was locked by the secretariat on {when}: {reason}",
    ),
    "stage.reason_required": (
        "alasan wajib diisi untuk mengunci atau membuka kunci tahap",
        "a reason is required to lock or unlock a stage",
    ),
    "stage.closes_before_opening": (
        "tahap harus ditutup setelah dibuka",
        "a stage must close after it opens",
    ),
    "stage.documents_outside": (
        "batas dokumen susulan harus setelah tahap dibuka",
        "the deadline for late documents must come after the stage opens",
    ),
    "stage.already": ("tahap {stage} sudah dalam keadaan itu", "the {stage} stage is already so"),
    "cycle.exists": (
        "siklus {region} {year} sudah ada",
        "the {region} {year} cycle already exists",
    ),
    "cycle.bad_year": (
        "tahun siklus {year} harus antara {first} dan {last}",
        "the cycle's year {year} must be between {first} and {last}",
    ),
    "cycle.unknown_target": (
        "predikat {name} tidak dikenal dalam instrumen {instrument}; pilih salah satu: {names}",
        "the predicate {name} is not in instrument {instrument}; choose one of: {names}",
    ),
    "cycle.nothing_to_carry": (
        "tidak ada siklus {region} sebelum {year} dengan instrumen {instrument} untuk disalin",
        "there is no {region} cycle before {year} on instrument {instrument} to carry over",
    ),
    "answer.not_carried": (
        "jawaban ini tidak menunggu tinjauan (bukan salinan tahun lalu atau sudah ditinjau)",
        "this answer is not waiting for a review (not carried over, or reviewed already)",
    ),
    "cycle.self_assessment_required": (
        "jadwal penilaian mandiri wajib diisi",
        "the self-assessment window is required",
    ),
    "answer.conflict": (
        "jawaban ini baru saja diubah oleh {who} pada {when}; muat ulang, periksa perubahannya, "
        "lalu simpan lagi",
        "this answer was just changed by {who} at {when}; reload, check the change, and save again",
    ),
    "answer.required": ("jawaban wajib diisi", "an answer is required"),
    "answer.proposal_note": (
        "jawaban berbeda dari usulan registri ({proposed}): tulis catatan alasannya",
        "the answer differs from the registry's proposal ({proposed}): write a note saying why",
    ),
    # An answer as a message shows it (a proposal quoted in a rule), in the reader's language.
    "answer.shown_percent": ("{value} %", "{value} %"),
    "answer.shown_yes": ("Ya", "Yes"),
    "answer.shown_no": ("Tidak", "No"),
    "answer.unit_computed": (
        "jawaban pertanyaan ini dihitung dari jawaban setiap kecamatan/kelurahan; yang dapat "
        "diisi hanya poinnya",
        "this question's answer is computed from each kecamatan's/kelurahan's answer; only its "
        "points can be given",
    ),
    # Contradictions found in stored answers (layak check-answers).
    "check.unknown_question": (
        "kode ini tidak ada dalam instrumen {instrument}",
        "this code is not in instrument {instrument}",
    ),
    "check.points_above_max": (
        "poin {points} melebihi nilai maksimal {maximum}",
        "points {points} exceed the maximum {maximum}",
    ),
    "check.computed_stale": (
        "jawaban kota {value} % tidak sama dengan jawaban wilayahnya ({share} % menjawab ya)",
        "the city's answer {value} % differs from its units' answers ({share} % answered yes)",
    ),
    "check.computed_stuck": (
        "semua {units} wilayah sudah menjawab, tetapi jawaban kota masih draf",
        "all {units} units have answered, but the city's answer is still a draft",
    ),
    "check.value_without_points": (
        "jawaban {value!r} tersimpan tanpa poin",
        "the answer {value!r} is stored without points",
    ),
    "check.value_invalid": (
        "jawaban {value!r} tidak sah untuk jenis pertanyaannya",
        "the answer {value!r} is not valid for its question's kind",
    ),
    "check.strict_adjusted": (
        "pertanyaan ketat dengan poin {points}, padahal jawabannya bernilai {proposed}",
        "a strict question holds {points} points while its answer earns {proposed}",
    ),
    "check.unit_points": (
        "jawaban kecamatan/kelurahan menyimpan poin; unit hanya menjawab ya/tidak",
        "a kecamatan's/kelurahan's answer holds points; units answer only yes/no",
    ),
    "check.verified_unanswered": (
        "ada verifikasi tahap {stage} untuk pertanyaan yang belum dijawab",
        "a {stage} verification exists for a question with no answer",
    ),
    "check.verified_draft": (
        "verifikasi tahap {stage} ({status}) atas jawaban draf versi {version}; hanya jawaban "
        "yang diajukan yang dapat diverifikasi",
        "a {stage} verification ({status}) of the draft answer at version {version}; only a "
        "submitted answer can be verified",
    ),
    # The agency workbook (export and import of answers).
    "book.not_assigned": (
        "pertanyaan {code} tidak ditugaskan kepada {agency}",
        "question {code} is not assigned to {agency}",
    ),
    "book.not_allowed": (
        "{who} tidak berwenang mengubah jawaban {code}{unit}",
        "{who} may not change the answer to {code}{unit}",
    ),
    "book.unit_required": (
        "pertanyaan {code} dijawab oleh setiap {level}; isi kolom unit dengan kode wilayahnya",
        "question {code} is answered by every {level}; put its region code in the unit column",
    ),
    "book.unit_unexpected": (
        "pertanyaan {code} dijawab untuk seluruh kabupaten/kota; kosongkan kolom unit",
        "question {code} is answered for the whole regency/city; leave the unit column empty",
    ),
    "book.unit_unknown": (
        "{unit!r} bukan {level} di {region}",
        "{unit!r} is not a {level} of {region}",
    ),
    "book.duplicate_row": (
        "{code}{unit} sudah muncul di baris {first_row}",
        "{code}{unit} already appeared on row {first_row}",
    ),
    "book.bad_version": (
        "versi {value!r} tidak sah; kolom versi diisi Layak dan tidak boleh diubah",
        "version {value!r} is not valid; Layak fills the version column, do not change it",
    ),
    "book.agency_unknown": (
        "OPD {name!r} tidak ada di {region}; yang ada: {available}",
        "agency {name!r} does not exist in {region}; there are: {available}",
    ),
    "book.cycle_unknown": (
        "siklus {cycle} tidak ada",
        "cycle {cycle} does not exist",
    ),
    "book.user_unknown": (
        "pengguna {name!r} tidak ada atau tidak aktif",
        "user {name!r} does not exist or is not active",
    ),
    "book.stale_preview": (
        "data di Layak berubah sejak berkas diperiksa; periksa ulang berkasnya sebelum "
        "menerapkan. Tidak ada yang disimpan",
        "the data in Layak changed since the file was checked; check the file again before "
        "applying it. Nothing was saved",
    ),
    "book.has_rejections": (
        "{count} baris ditolak; perbaiki berkasnya lalu unggah lagi. Tidak ada yang disimpan",
        "{count} rows are refused; correct the file and upload it again. Nothing was saved",
    ),
    "book.preview_used": (
        "pemeriksaan ini sudah diterapkan atau kedaluwarsa; unggah berkasnya lagi",
        "this check was already applied or has expired; upload the file again",
    ),
    "verification.note_required": (
        "catatan wajib diisi bila jawaban perlu perbaikan atau ditolak",
        "a note is required when an answer needs revision or is rejected",
    ),
    "verification.not_submitted": (
        "jawaban ini masih draf; hanya jawaban yang sudah diajukan yang dapat diverifikasi",
        "this answer is still a draft; only a submitted answer can be verified",
    ),
    "verification.unanswered": (
        "pertanyaan ini belum dijawab; belum ada yang dapat diverifikasi",
        "this question has no answer yet; there is nothing to verify",
    ),
    # Evidence files.
    "evidence.unknown_type": (
        "jenis berkas tidak diterima; unggah PDF, PNG, JPEG, Excel (.xlsx) atau Word (.docx)",
        "this kind of file is not accepted; upload PDF, PNG, JPEG, Excel (.xlsx) or Word (.docx)",
    ),
    "evidence.pdf_truncated": (
        "PDF terpotong atau rusak (penanda akhir %%EOF tidak ada)",
        "the PDF is truncated or damaged (no %%EOF end marker)",
    ),
    "evidence.pdf_active": (
        "PDF berisi konten aktif ({what}); cetak ulang sebagai PDF biasa",
        "the PDF holds active content ({what}); print it again as a plain PDF",
    ),
    "evidence.pdf_broken_stream": (
        "PDF berisi aliran objek terkompresi yang rusak; cetak ulang sebagai PDF biasa",
        "the PDF holds a damaged compressed object stream; print it again as a plain PDF",
    ),
    "evidence.pdf_stream_too_big": (
        "aliran objek PDF terurai lebih dari {limit} bita; berkas ditolak",
        "the PDF's object streams unpack to more than {limit} bytes; refused",
    ),
    "evidence.pdf_unreadable_stream": (
        "PDF memakai filter {filter} yang tidak dapat diperiksa dengan aman; cetak ulang "
        "sebagai PDF biasa",
        "the PDF uses filter {filter}, which cannot be checked safely; print it again as a "
        "plain PDF",
    ),
    "evidence.pdf_damaged": (
        "PDF rusak dan tidak dapat dibaca; cetak ulang sebagai PDF biasa",
        "the PDF is damaged and cannot be read; print it again as a plain PDF",
    ),
    "evidence.pdf_password": (
        "PDF memerlukan kata sandi untuk dibuka; simpan ulang tanpa kata sandi",
        "the PDF needs a password to open; save it again without a password",
    ),
    "evidence.pdf_too_many_pages": (
        "PDF terlalu banyak halaman ({count}; batas {limit}); pecah menjadi beberapa berkas",
        "the PDF has too many pages ({count}; the limit is {limit}); split it into several files",
    ),
    "evidence.pdf_too_many_objects": (
        "PDF terlalu rumit untuk diperiksa ({count} bagian; batas {limit}); cetak ulang "
        "sebagai PDF biasa atau pecah menjadi beberapa berkas",
        "the PDF is too complex to check ({count} parts; the limit is {limit}); print it "
        "again as a plain PDF or split it into several files",
    ),
    "file.document_macro": (
        "dokumen Word berisi makro (VBA); simpan ulang sebagai .docx tanpa makro",
        "the Word document contains macros (VBA); save it again as .docx without macros",
    ),
    "file.office_object": (
        "berkas berisi objek yang dapat dijalankan ({what}: kontrol ActiveX atau objek OLE "
        "tersemat); hapus objeknya lalu simpan ulang, atau simpan sebagai PDF",
        "the file holds an object that can run ({what}: an ActiveX control or an embedded "
        "OLE object); remove it and save again, or save as PDF",
    ),
    "file.office_external": (
        "berkas memuat tautan keluar yang dibuka sendiri ({what}: {target}); hapus tautannya "
        "lalu simpan ulang, atau simpan sebagai PDF",
        "the file holds an outside link that opens by itself ({what}: {target}); remove the "
        "link and save again, or save as PDF",
    ),
    "file.office_dde": (
        "berkas berisi perintah DDE ({what}) yang dapat menjalankan program; hapus lalu "
        "simpan ulang, atau simpan sebagai PDF",
        "the file holds a DDE command ({what}) that can run a program; remove it and save "
        "again, or save as PDF",
    ),
    "evidence.too_many_pixels": (
        "gambar terlalu besar ({pixels} piksel; batas {limit})",
        "the image is too large ({pixels} pixels; the limit is {limit})",
    ),
    "evidence.broken_image": (
        "gambar {kind} rusak atau tidak dapat dibaca",
        "the {kind} image is damaged or unreadable",
    ),
    "evidence.hidden_data": (
        "gambar berisi data tersembunyi setelah akhir gambar; simpan ulang gambarnya",
        "the image hides data after its end; save the image again",
    ),
    "evidence.title_required": ("judul dokumen wajib diisi", "the document title is required"),
    "evidence.bad_year": (
        "tahun dokumen {value!r} harus antara 2000 dan {latest}",
        "the document year {value!r} must be between 2000 and {latest}",
    ),
    "evidence.bad_validity": (
        "berlaku sampai tahun {value!r} harus antara tahun dokumen ({first}) dan {last}",
        "valid until year {value!r} must be between the document's year ({first}) and {last}",
    ),
    "evidence.too_many_files": (
        "terlalu banyak berkas sekaligus ({count}; batas {limit})",
        "too many files at once ({count}; the limit is {limit})",
    ),
    # Children's aspirations through the planning cycle (layak.core.aspirations).
    "aspiration.unknown_status": ("Status ini tidak dikenal.", "This status is not known."),
    "aspiration.not_next": (
        "Langkah ini tidak bisa diambil dari status sekarang.",
        "This step cannot follow the current status.",
    ),
    "aspiration.date_required": ("Tanggal wajib diisi.", "The date is required."),
    "aspiration.date_future": (
        "Tanggal tidak boleh di masa depan.",
        "The date cannot be in the future.",
    ),
    "aspiration.date_before_last": (
        "Tanggal tidak boleh sebelum langkah sebelumnya.",
        "The date cannot be before the previous step.",
    ),
    "aspiration.level_required": ("Pilih tingkat Musrenbang.", "Choose the Musrenbang level."),
    "aspiration.kind_required": (
        "Pilih program, kegiatan atau peraturan.",
        "Choose programme, activity or regulation.",
    ),
    "aspiration.name_required": (
        "Tulis nama program, kegiatan atau peraturannya.",
        "Write the name of the programme, activity or regulation.",
    ),
    "aspiration.agency_required": ("Pilih OPD penanggung jawab.", "Choose the responsible OPD."),
    "aspiration.reason_required": (
        "Alasan penolakan wajib ditulis.",
        "The reason for declining is required.",
    ),
    "aspiration.text_required": (
        "Tuliskan aspirasimu dulu, ya.",
        "Please write your aspiration first.",
    ),
    "aspiration.text_too_long": (
        "Aspirasimu terlalu panjang. Paling banyak 1000 huruf, ya.",
        "Your aspiration is too long. 1000 characters at most, please.",
    ),
    # Cells of an imported sheet.
    "cell.required": ("wajib diisi", "is required"),
    "cell.formula_like": (
        "teks {value!r} diawali tanda rumus (= + - @) seperti rumus Excel berbahaya; hapus "
        "tanda di depannya",
        "the text {value!r} starts like a dangerous Excel formula (= + - @); remove the "
        "leading sign",
    ),
    "cell.not_points": (
        "{value!r} bukan nilai maksimal yang sah (angka 0 atau lebih)",
        "{value!r} is not a valid maximum (a number, 0 or more)",
    ),
    # Importing a region's recap as an instrument (layak.core.instrument_import).
    "import.summary": (
        "{id}: {parts} bagian, {indicators} indikator, {questions} pertanyaan, nilai maksimal "
        "{max}",
        "{id}: {parts} parts, {indicators} indicators, {questions} questions, maximum {max}",
    ),
    "import.flag_value": (
        "{value!r} bukan Y/T (isi Y, ya, ✓ atau T, tidak, -, atau kosongkan)",
        "{value!r} is not Y/T (write Y, ya, ✓ or T, tidak, -, or leave it blank)",
    ),
    "import.unit_scope_value": (
        "{value!r} tidak menyebut kecamatan atau desa/kelurahan (isi mis. Kecamatan, "
        "Desa/Kelurahan, Kecamatan dan Desa/Kelurahan, atau kosongkan)",
        "{value!r} names neither kecamatan nor desa/kelurahan (write e.g. Kecamatan, "
        "Desa/Kelurahan, Kecamatan dan Desa/Kelurahan, or leave it blank)",
    ),
    "import.bad_option": (
        "opsi {item!r} tidak terbaca: tulis kunci:label:bagian nilai (0–1 atau persen), "
        "dipisah | (mis. ada:Ada:1 | sebagian:Sebagian:0,5 | tidak:Tidak ada:0)",
        "option {item!r} cannot be read: write key:label:share of points (0–1 or a percentage), "
        "separated by | (e.g. ada:Ada:1 | sebagian:Sebagian:0.5 | tidak:Tidak ada:0)",
    ),
    "import.bad_threshold": (
        "ambang {item!r} tidak terbaca: tulis nilai:bagian nilai (0–1 atau persen), dipisah | "
        "(mis. 25:0,25 | 50:0,5 | 100:1)",
        "threshold {item!r} cannot be read: write value:share of points (0–1 or a percentage), "
        "separated by | (e.g. 25:0.25 | 50:0.5 | 100:1)",
    ),
    "import.bad_direction": (
        "arah {value!r} tidak dikenal: tulis naik atau turun, 'makin tinggi makin baik' atau "
        "'makin rendah makin baik'",
        "direction {value!r} is unknown: write naik or turun, 'makin tinggi makin baik' or "
        "'makin rendah makin baik'",
    ),
    "import.options_need_choice": (
        "{code}: opsi hanya berlaku untuk jenis pilihan (jenisnya {kind})",
        "{code}: options apply only to the kind pilihan (its kind is {kind})",
    ),
    "import.thresholds_need_kind": (
        "{code}: ambang memerlukan jenis persentase atau angka (jenisnya {kind}); isi kolom jenis",
        "{code}: thresholds need the kind persentase or angka (its kind is {kind}); fill in "
        "the jenis column",
    ),
    "import.direction_needs_thresholds": (
        "{code}: arah hanya berlaku untuk pertanyaan persentase atau angka (jenisnya {kind})",
        "{code}: a direction applies only to persentase or angka questions (its kind is {kind})",
    ),
    "import.direction_required": (
        "{code}: pertanyaan berambang tanpa arah; isi kolom arah (naik: makin tinggi makin baik, "
        "turun: makin rendah makin baik)",
        "{code}: a question with thresholds has no direction; fill in the arah column (naik: "
        "higher is better, turun: lower is better)",
    ),
    "import.bad_question_code": (
        "{value!r} bukan kode pertanyaan (mis. 4, 4a, Pertanyaan 4 a)",
        "{value!r} is not a question code (e.g. 4, 4a, Pertanyaan 4 a)",
    ),
    "import.duplicate_code_sheet": (
        "kode {code} sudah muncul di lembar {sheet} baris {first_row}",
        "code {code} already appeared on sheet {sheet} row {first_row}",
    ),
    "import.indicator_in_two_parts": (
        "indikator {code} sudah ada di bagian {first} (baris {first_row}); kode indikator "
        "harus unik di seluruh instrumen",
        "indicator {code} is already in part {first} (row {first_row}); indicator codes must "
        "be unique across the instrument",
    ),
    "import.part_max_conflict": (
        "bagian {code}: nilai maksimal tertulis {value} berbeda dari {first} di baris {first_row}",
        "part {code}: stated maximum {value} differs from {first} on row {first_row}",
    ),
    "import.indicator_max_conflict": (
        "indikator {code}: nilai maksimal tertulis {value} berbeda dari {first} di baris "
        "{first_row}",
        "indicator {code}: stated maximum {value} differs from {first} on row {first_row}",
    ),
    "import.part_without_questions": (
        "baris jumlah bagian {code}, tetapi bagian itu tidak memiliki pertanyaan",
        "a subtotal row for part {code}, but that part has no questions",
    ),
    "import.indicator_without_questions": (
        "baris jumlah indikator {code}, tetapi indikator itu tidak memiliki pertanyaan",
        "a subtotal row for indicator {code}, but that indicator has no questions",
    ),
    "import.second_total": (
        "baris jumlah kedua tanpa bagian atau indikator; jumlah lembar ini sudah ada di baris "
        "{first_row}",
        "a second total row naming no part or indicator; this sheet's total is already on row "
        "{first_row}",
    ),
    "import.total_mismatch": (
        "jumlah tertulis {stated} tetapi jumlah nilai maksimal pertanyaannya {actual}",
        "stated total {stated} but its questions add up to {actual}",
    ),
    "import.base_unmatched": (
        "tidak satu pun kode pertanyaan yang diimpor ada di instrumen dasar {base} (mis. "
        "{examples}); periksa kolom indikator dan pertanyaan, atau impor tanpa --base",
        "none of the imported question codes is in the base instrument {base} (e.g. "
        "{examples}); check the indicator and question columns, or import without --base",
    ),
    "import.base_new": (
        "{count} pertanyaan tidak ada di {base}, jadi tidak mewarisi aturannya: {codes}",
        "{count} questions are not in {base}, so they inherit none of its rules: {codes}",
    ),
    "import.base_missing": (
        "{count} pertanyaan {base} tidak ada dalam impor: {codes}",
        "{count} questions of {base} are not in the import: {codes}",
    ),
    "import.lost_per_kecamatan": (
        "di {base} dijawab setiap kecamatan, dalam impor tidak: {codes}",
        "answered by every kecamatan in {base}, not in the import: {codes}",
    ),
    "import.lost_per_desa": (
        "di {base} dijawab setiap desa/kelurahan, dalam impor tidak: {codes}",
        "answered by every desa/kelurahan in {base}, not in the import: {codes}",
    ),
    "import.kind_changed": (
        "jenis jawaban berbeda dari {base}: {changes}",
        "answer kind differs from {base}: {changes}",
    ),
    "import.direction_changed": (
        "arah ambang berbeda dari {base}: {changes}",
        "threshold direction differs from {base}: {changes}",
    ),
    "import.lost_negative": (
        "di {base} bertanda negatif (jawaban ya buruk), dalam impor tidak: {codes}",
        "marked negative in {base} ('ya' is the bad answer), not in the import: {codes}",
    ),
    "import.lost_strict": (
        "di {base} bertanda ketat (hanya jawabannya yang dinilai), dalam impor tidak: {codes}",
        "marked strict in {base} (only its answer is scored), not in the import: {codes}",
    ),
    "import.sheets_read": (
        "lembar yang dibaca: {read}",
        "sheets read: {read}",
    ),
    "import.sheets_skipped": (
        "lembar yang dilewati (tanpa tabel pertanyaan): {skipped}",
        "sheets skipped (no question table): {skipped}",
    ),
    "import.columns_ignored": (
        "kolom yang tidak dikenal dan diabaikan di lembar {sheet}: {columns}",
        "columns not recognised and ignored on sheet {sheet}: {columns}",
    ),
    # Where a problem is.
    # Profil Anak registry extracts (layak.ingest.profil_anak.extract): one key per row rule.
    "profil.rule.nik_format": (
        "kolom nik: NIK harus 16 angka",
        "column nik: the NIK must be 16 digits",
    ),
    "profil.rule.sex_unknown": (
        "kolom jenis_kelamin: isi L/P atau LAKI-LAKI/PEREMPUAN",
        "column jenis_kelamin: use L/P or LAKI-LAKI/PEREMPUAN",
    ),
    "profil.rule.date_unreadable": (
        "kolom tanggal_lahir: tanggal tidak terbaca (pakai YYYY-MM-DD, DD-MM-YYYY atau DD/MM/YYYY)",
        "column tanggal_lahir: unreadable date (use YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY)",
    ),
    "profil.rule.date_future": (
        "kolom tanggal_lahir: lahir sesudah tanggal acuan 31 Desember",
        "column tanggal_lahir: born after the reference date of 31 December",
    ),
    "profil.rule.code_invalid": (
        "kolom kode_wilayah: bukan kode desa/kelurahan Kemendagri (mis. 18.72.01.1001)",
        "column kode_wilayah: not a Kemendagri desa/kelurahan code (e.g. 18.72.01.1001)",
    ),
    "profil.rule.code_outside": (
        "kolom kode_wilayah: desa/kelurahan di luar wilayah yang diimpor",
        "column kode_wilayah: a desa/kelurahan outside the region being imported",
    ),
    "profil.rule.code_unknown": (
        "kolom kode_wilayah: kode desa/kelurahan tidak dikenal di wilayah ini",
        "column kode_wilayah: no such desa/kelurahan in this region",
    ),
    "profil.rule.nik_duplicate": (
        "kolom nik: NIK yang sama sudah ada di baris {first_row}",
        "column nik: the same NIK is already on row {first_row}",
    ),
    "profil.rule.akta_value": (
        "kolom akta_kelahiran: isi Y/T, YA/TIDAK atau 1/0",
        "column akta_kelahiran: use Y/T, YA/TIDAK or 1/0",
    ),
    "profil.rule.kia_value": (
        "kolom kia: isi Y/T, YA/TIDAK atau 1/0",
        "column kia: use Y/T, YA/TIDAK or 1/0",
    ),
    "profil.file.columns": (
        "jumlah kolom tidak sesuai dengan baris judul",
        "the number of columns does not match the header row",
    ),
    "profil.file.unreadable_csv": (
        "berkas CSV tidak dapat dibaca: {detail}",
        "the CSV file cannot be read: {detail}",
    ),
    "profil.file.not_parquet": (
        "berkas Parquet tidak dapat dibaca: {detail}",
        "the Parquet file cannot be read: {detail}",
    ),
    "profil.rule_name.nik_format": ("NIK bukan 16 angka", "NIK not 16 digits"),
    "profil.rule_name.sex_unknown": ("jenis kelamin tidak dikenal", "unknown sex"),
    "profil.rule_name.date_unreadable": ("tanggal lahir tidak terbaca", "unreadable birth date"),
    "profil.rule_name.date_future": (
        "lahir sesudah tanggal acuan",
        "born after the reference date",
    ),
    "profil.rule_name.code_invalid": ("kode wilayah tidak sah", "invalid region code"),
    "profil.rule_name.code_outside": ("kode di luar wilayah", "code outside the region"),
    "profil.rule_name.code_unknown": ("kode tidak dikenal", "unknown code"),
    "profil.rule_name.nik_duplicate": ("NIK ganda", "duplicate NIK"),
    "profil.rule_name.akta_value": ("nilai akta tidak sah", "invalid akta value"),
    "profil.rule_name.kia_value": ("nilai KIA tidak sah", "invalid KIA value"),
    "where.row_column": ("baris {row}, kolom {column}", "row {row}, column {column}"),
    "where.row": ("baris {row}", "row {row}"),
    "where.column": ("kolom {column}", "column {column}"),
    "where.sheet": ("lembar {sheet}", "sheet {sheet}"),
    # A field's own checks (Django's model fields: required, length, choices), when a service
    # is called without a form in front of it (the API, the demo, a command).
    "field.required": ("wajib diisi", "is required"),
    "field.too_long": (
        "terlalu panjang (paling banyak {limit} huruf)",
        "too long (at most {limit} characters)",
    ),
    "field.invalid_choice": (
        "{value!r} bukan salah satu pilihan yang tersedia",
        "{value!r} is not one of the available choices",
    ),
    "field.invalid": ("{detail}", "{detail}"),
    # Profil Anak figures offered next to an answer (layak.core.profil_anak.support).
    "profil.support.akta_coverage": (
        "Cakupan akta kelahiran anak {year}",
        "Birth certificate coverage of children, {year}",
    ),
    "profil.support.kia_coverage": (
        "Cakupan Kartu Identitas Anak (KIA) {year}",
        "Child identity card (KIA) coverage, {year}",
    ),
    "profil.support.kia_trend": (
        "Perubahan cakupan KIA {previous}–{year}",
        "Change in KIA coverage {previous}–{year}",
    ),
    "profil.support.trend_naik": ("naik", "up"),
    "profil.support.trend_tetap": ("tetap", "unchanged"),
    "profil.support.trend_turun": ("turun", "down"),
    "profil.support.covered_of": ("{covered} dari {of} anak", "{covered} of {of} children"),
    "profil.support.no_document_data": (
        "sumber data tidak memuat kepemilikan dokumen",
        "the data source holds no document counts",
    ),
    "profil.support.kecamatan_akta_90": (
        "Kecamatan dengan cakupan akta kelahiran di atas 90%",
        "Kecamatan with birth certificate coverage above 90%",
    ),
    "profil.support.kelurahan_akta_90": (
        "Desa/kelurahan dengan cakupan akta kelahiran di atas 90%",
        "Desa/kelurahan with birth certificate coverage above 90%",
    ),
    "profil.support.kecamatan_of": (
        "{n} dari {total} kecamatan: {names}",
        "{n} of {total} kecamatan: {names}",
    ),
    "profil.support.kelurahan_of": (
        "{n} dari {total} desa/kelurahan: {names}",
        "{n} of {total} desa/kelurahan: {names}",
    ),
    "profil.support.kecamatan_none": (
        "belum ada dari {total} kecamatan",
        "none of the {total} kecamatan yet",
    ),
    "profil.support.kelurahan_none": (
        "belum ada dari {total} desa/kelurahan",
        "none of the {total} desa/kelurahan yet",
    ),
    "profil.support.kecamatan_with_data": (
        "Kecamatan dengan data anak terpilah",
        "Kecamatan with disaggregated child data",
    ),
    "profil.support.kelurahan_with_data": (
        "Desa/kelurahan dengan data anak terpilah",
        "Desa/kelurahan with disaggregated child data",
    ),
    "profil.support.kecamatan_all": (
        "semua {total} kecamatan memiliki data anak",
        "all {total} kecamatan have child data",
    ),
    "profil.support.kelurahan_all": (
        "semua {total} desa/kelurahan memiliki data anak",
        "all {total} desa/kelurahan have child data",
    ),
    "profil.support.kecamatan_missing": (
        "{n} dari {total} kecamatan tanpa data anak: {names}",
        "{n} of {total} kecamatan without child data: {names}",
    ),
    "profil.support.kelurahan_missing": (
        "{n} dari {total} desa/kelurahan tanpa data anak: {names}",
        "{n} of {total} desa/kelurahan without child data: {names}",
    ),
    "profil.support.disabled_children": (
        "Anak penyandang disabilitas {year}",
        "Children with disabilities, {year}",
    ),
    "profil.support.of_children": (
        "dari {of} anak usia 0–17 tahun",
        "out of {of} children aged 0–17",
    ),
    "profil.support.disability_kind": ("Disabilitas: {kind}", "Disability: {kind}"),
    "profil.support.by_sex": (
        "laki-laki {male}, perempuan {female}",
        "boys {male}, girls {female}",
    ),
    # Profil Anak: aggregated tables, imports and the stored profile (layak.profil).
    "profil.table.code_invalid": (
        "kode wilayah {value!r} bukan kode desa/kelurahan yang sah (mis. 18.72.01.1001)",
        "region code {value!r} is not a valid desa/kelurahan code (e.g. 18.72.01.1001)",
    ),
    "profil.table.code_outside": (
        "kode wilayah {value} berada di luar wilayah {region}",
        "region code {value} lies outside {region}",
    ),
    "profil.table.code_unknown": (
        "kode wilayah {value} tidak ada dalam daftar desa/kelurahan {region}",
        "region code {value} is not among the desa/kelurahan of {region}",
    ),
    "profil.table.sex_unknown": (
        "jenis kelamin {value!r} tidak dikenal (L/P atau LAKI-LAKI/PEREMPUAN)",
        "sex {value!r} is unknown (L/P or LAKI-LAKI/PEREMPUAN)",
    ),
    "profil.table.age_bad": (
        "umur {value!r} harus satu angka 0–17 atau kelompok umur 0-4, 5-9, 10-14, 15-17",
        "age {value!r} must be a single age 0–17 or an age group 0-4, 5-9, 10-14, 15-17",
    ),
    "profil.table.count_bad": (
        "jumlah {value!r} harus bilangan bulat 0 atau lebih",
        "the count {value!r} must be a whole number, 0 or more",
    ),
    "profil.table.count_too_large": (
        "jumlah {value!r} terlalu besar: paling banyak {maximum}",
        "the count {value!r} is too large: at most {maximum}",
    ),
    "profil.table.count_above": (
        "{value} melebihi jumlah_anak di baris ini ({children})",
        "{value} exceeds this row's jumlah_anak ({children})",
    ),
    "profil.table.overlap": (
        "{code} {sex} umur {age} tumpang tindih dengan baris {first_row}",
        "{code} {sex} age {age} overlaps row {first_row}",
    ),
    "profil.table.kind_required": (
        "jenis disabilitas wajib diisi",
        "the kind of disability is required",
    ),
    "profil.table.kind_too_long": (
        "jenis disabilitas terlalu panjang ({length} huruf; batas {limit})",
        "the kind of disability is too long ({length} characters; the limit is {limit})",
    ),
    "profil.table.duplicate_disability": (
        "{code} {sex} {kind} sudah muncul di baris {first_row}",
        "{code} {sex} {kind} already appeared on row {first_row}",
    ),
    "profil.table.disability_above": (
        "jumlah anak dengan disabilitas {kind} ({value}) melebihi jumlah anak {sex} di {code} "
        "({children})",
        "children with disability {kind} ({value}) exceed the children {sex} in {code} "
        "({children})",
    ),
    "profil.unknown_layout": (
        "susunan kolom tidak dikenali: ekstrak registri memerlukan kolom nik, jenis_kelamin, "
        "tanggal_lahir, kode_wilayah, akta_kelahiran, kia, disabilitas; tabel agregat memerlukan "
        "kode_wilayah, jenis_kelamin, umur, jumlah_anak (kolom yang ada: {found})",
        "the columns are not recognised: a registry extract needs nik, jenis_kelamin, "
        "tanggal_lahir, kode_wilayah, akta_kelahiran, kia, disabilitas; an aggregated table "
        "needs kode_wilayah, jenis_kelamin, umur, jumlah_anak (columns found: {found})",
    ),
    "profil.region_unknown": (
        "kabupaten/kota {code!r} tidak dikenal (mis. 18.72); muat wilayah dengan "
        "layak load-wilayah",
        "regency/city {code!r} is unknown (e.g. 18.72); load the regions with layak load-wilayah",
    ),
    "profil.no_villages": (
        "desa/kelurahan {region} belum dimuat; jalankan layak load-wilayah",
        "the desa/kelurahan of {region} are not loaded; run layak load-wilayah",
    ),
    "profil.bad_year": (
        "tahun {value!r} harus antara 2000 dan {latest}",
        "the year {value!r} must be between 2000 and {latest}",
    ),
    "profil.no_data": (
        "belum ada data Profil Anak {region} tahun {year}",
        "there is no Profil Anak data for {region} in {year} yet",
    ),
    "profil.refused": (
        "impor ditolak: {rejected} dari {read} baris melanggar aturan; tidak ada yang disimpan",
        "import refused: {rejected} of {read} rows break a rule; nothing was saved",
    ),
    "profil.not_allowed": (
        "hanya sekretariat {region} atau administrator yang boleh mengimpor data Profil Anak",
        "only the secretariat of {region} or an administrator may import Profil Anak data",
    ),
    "profil.job_failed": (
        "impor gagal karena galat sistem; tidak ada yang disimpan. Coba lagi atau hubungi "
        "administrator",
        "the import failed on a system error; nothing was saved. Try again or ask the "
        "administrator",
    ),
    "profil.job_interrupted": (
        "impor terputus karena proses latar belakang berhenti di tengah jalan; tidak ada yang "
        "disimpan. Unggah berkasnya lagi",
        "the import was interrupted because the background worker stopped part-way; nothing "
        "was saved. Upload the file again",
    ),
}


@dataclass(frozen=True, slots=True)
class Message:
    """A message key with its parameters, rendered late in the reader's language, numbers
    included (see _shown)."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: Lang = "id") -> str:
        indonesian, english = CATALOGUE[self.key]
        template = english if lang == "en" else indonesian
        return template.format(**{k: _shown(k, v, lang) for k, v in self.params.items()})


# Parameters whose whole numbers are quantities (sizes, limits, counts), written with the
# reader's thousands mark: 5.242.880 bita. Any other int parameter is an identifier or a year
# (row, first_row, year, latest, previous, age, value) and is written as it is: never 2.024.
QUANTITIES = frozenset(
    {
        "children",
        "count",
        "covered",
        "female",
        "length",
        "limit",
        "male",
        "maximum",
        "n",
        "of",
        "pixels",
        "ratio",
        "read",
        "rejected",
        "size",
        "total",
    }
)


def _shown(name: str, value: object, lang: Lang) -> object:
    """A parameter as the reader writes it: a Number (format_number), a float or a Decimal
    in the reader's way (1,25 / 1.25), an int too when `name` is one of QUANTITIES, another
    Message (a rule quoted inside this one) in the reader's language."""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, Number):
        return value.localised(lang)
    if isinstance(value, (float, Decimal)):
        return localise_number(value, lang)
    if isinstance(value, int) and not isinstance(value, bool) and name in QUANTITIES:
        return localise_number(value, lang)
    return value


def shown_in(value: object, lang: Lang) -> str:
    """A message parameter (a Number, a Message, a text) as a message would show it."""
    return str(_shown("", value, lang))


_REGISTERED: list[Mapping[str, tuple[str, str]]] = []


def register(catalogue: Mapping[str, tuple[str, str]]) -> None:
    """Add an app's messages to the one registry. A key is defined once: a key that is already
    there (the core's or another app's) is refused with ValueError. Registering the same
    catalogue again (an app's ready() run twice) changes nothing."""
    if any(done is catalogue for done in _REGISTERED):
        return
    taken = sorted(key for key in catalogue if key in CATALOGUE)
    if taken:
        raise ValueError(f"message keys defined twice: {', '.join(taken)}")
    malformed = sorted(
        key
        for key, texts in catalogue.items()
        if not (isinstance(texts, tuple) and len(texts) == 2 and all(texts))
    )
    if malformed:
        raise ValueError(f"messages need an Indonesian and an English text: {malformed}")
    CATALOGUE.update(catalogue)
    _REGISTERED.append(catalogue)


def msg(key: str, /, **params: object) -> Message:
    if key not in CATALOGUE:
        raise KeyError(f"unknown message key {key}")
    return Message(key, params)


def language_from_environment(environ: Mapping[str, str] | None = None) -> Lang:
    """Indonesian unless the locale asks for English (LANG=en, en_US.UTF-8, ...)."""
    env = os.environ if environ is None else environ
    for name in ("LAYAK_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip().lower()
        if value:
            return "en" if value.startswith("en") else "id"
    return "id"


def format_number(value: Numeric) -> Number:
    """A quantity for a message: 12, 1.25, 3.2 as text (no trailing zeros, at most four
    decimals), written 1,25 for an Indonesian reader when the message is rendered."""
    return Number(value)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located by row and column where that applies."""

    message: Message
    row: int | None = None
    column: str | None = None
    sheet: str | None = None  # the workbook's sheet, when a file holds several

    def render(self, lang: Lang = "id") -> str:
        text = self.message.render(lang)
        places = [msg("where.sheet", sheet=self.sheet)] if self.sheet else []
        if self.row is not None and self.column is not None:
            places.append(msg("where.row_column", row=self.row, column=self.column))
        elif self.row is not None:
            places.append(msg("where.row", row=self.row))
        elif self.column is not None:
            places.append(msg("where.column", column=self.column))
        if not places:
            return text
        return f"{', '.join(p.render(lang) for p in places)}: {text}"


class InputError(Exception):
    """An input was refused; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].render() if problems else "input refused")
        self.problems = problems

    def render(self, lang: Lang = "id", limit: int = 50) -> str:
        lines = [p.render(lang) for p in self.problems[:limit]]
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(
                f"… dan {hidden} masalah lain" if lang == "id" else f"… and {hidden} more problems"
            )
        return "\n".join(lines)
