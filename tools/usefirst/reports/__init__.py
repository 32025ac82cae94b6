"""Reports for reviewers, units and the provincial office; none of them public.

report = recognition_report(catalog, 2027, today=date(2027, 9, 1))
print(render_markdown(report))
write_xlsx(report, Path("认定申请排序.xlsx"))
"""
