"""Spreadsheets in and out: templates, batch import and export of records.

usefirst template achievement -o 成果导入模板.xlsx
usefirst import 成果.xlsx --unit scut --dry-run
usefirst export -o 成果库.xlsx
"""
