"""Intake: input bytes to reports.

``archive.walk`` turns paths (files, directories, zips) into input files;
``registry`` detects each file's format and runs its reader (one module per
format: ``reports_jsonl``, ``reports_csv``, ``whatsapp``, ``telegram``, ``eml``,
``transcript``); ``decode`` turns bytes into text for the text formats;
``pipeline`` stores evidence, reports and quarantine (``collection`` keeps the
cyclic garbage collector out of its way). See ``docs/formats.md``.
"""
