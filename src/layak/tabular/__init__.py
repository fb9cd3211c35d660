"""Reading tables that people send: xlsx workbooks and CSV files, safely, without Django.

Files are recognised by their content, not their name. Workbooks are inspected as zip archives
before any parser sees them (entry count, unpacked size, compression ratio, unsafe names, DTDs,
macros), then read by python-calamine (`xlsx.py`); text files have their encoding and delimiter
detected. Every refusal is a `layak.core` message.
"""

from layak.tabular.read import Row, Table, normalise_header, read_table

__all__ = ["Row", "Table", "normalise_header", "read_table"]
