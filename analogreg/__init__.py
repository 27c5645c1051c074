"""analogreg: find analog regulations (アナログ規制) in Japanese ordinances and laws and draft their amendments.

Pipeline: parse → tokenize → classify → amend → draft → review → export. Each stage is a module or subpackage.
"""

__version__ = "0.1.0"
