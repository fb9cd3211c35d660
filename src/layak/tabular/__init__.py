"""Reading tables that people send: xlsx workbooks and CSV files, safely, without Django.

Files are recognised by their content, not their name. Workbooks are inspected as zip archives
before openpyxl sees them (entry count, unpacked size, compression ratio, unsafe names, macros);
text files have their encoding and delimiter detected. Every refusal is a `layak.core` message.
"""

from layak.tabular.read import Row, Table, normalise_header, read_table

__all__ = ["Row", "Table", "normalise_header", "read_table"]
