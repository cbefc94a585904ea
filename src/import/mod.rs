//! Import (导入) of a report published elsewhere: HTML, Markdown or text.
