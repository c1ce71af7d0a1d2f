"""The SAKIP documents (Dokumen IKU, Perjanjian Kinerja, Laporan data kinerja, LKjIP, Renja, Renstra)
generated from an office's verified performance data: one content model per document
(`content`), built by `builders`, written by `docx_writer` and `pdf_writer`, stored as a generated
version of a run's document by `services`."""
