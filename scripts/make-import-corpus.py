#!/usr/bin/env python3
"""Write the import corpus: township reports in the shapes of
/work/shared/spec/real-reports.md, each with the numbers put in it.

    python3 scripts/make-import-corpus.py          # text and HTML shapes
    python3 scripts/make-import-corpus.py --office # also .docx/.pdf/.doc via LibreOffice

Every report goes to tests/fixtures/published/corpus/NAME.{txt,html,docx,pdf}
with NAME.expected.json beside it: the template, the shape, and every readable
number as `cell address -> value as printed`. The numbers are drawn from a
fixed seed so the identities of the official tables hold (一+二 = 总计+四,
总计 = the sum of results, each row's 总计 = its applicants, each 表四 group's
总计 = its four results). The files are committed: tests never run this.
"""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "published", "corpus")

T3_COLS = ["natural", "commercial", "research", "nonprofit", "law_service", "other", "total"]
T3_COL_LABELS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

# (key, label, group path) in reading order; groups carry no numbers.
T3_ROWS_2021 = [
    ("new", "一、本年新收政府信息公开申请数量", []),
    ("carried", "二、上年结转政府信息公开申请数量", []),
    ("open", "（一）予以公开", ["三、本年度办理结果"]),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["三、本年度办理结果"]),
    ("deny_secret", "1.属于国家秘密", ["三、本年度办理结果", "（三）不予公开"]),
    ("deny_law", "2.其他法律行政法规禁止公开", ["三、本年度办理结果", "（三）不予公开"]),
    ("deny_safety", "3.危及“三安全一稳定”", ["三、本年度办理结果", "（三）不予公开"]),
    ("deny_third", "4.保护第三方合法权益", ["三、本年度办理结果", "（三）不予公开"]),
    ("deny_internal", "5.属于三类内部事务信息", ["三、本年度办理结果", "（三）不予公开"]),
    ("deny_process", "6.属于四类过程性信息", ["三、本年度办理结果", "（三）不予公开"]),
    ("deny_case", "7.属于行政执法案卷", ["三、本年度办理结果", "（三）不予公开"]),
    ("deny_query", "8.属于行政查询事项", ["三、本年度办理结果", "（三）不予公开"]),
    ("unable_none", "1.本机关不掌握相关政府信息", ["三、本年度办理结果", "（四）无法提供"]),
    ("unable_make", "2.没有现成信息需要另行制作", ["三、本年度办理结果", "（四）无法提供"]),
    ("unable_unclear", "3.补正后申请内容仍不明确", ["三、本年度办理结果", "（四）无法提供"]),
    ("reject_petition", "1.信访举报投诉类申请", ["三、本年度办理结果", "（五）不予处理"]),
    ("reject_repeat", "2.重复申请", ["三、本年度办理结果", "（五）不予处理"]),
    ("reject_publication", "3.要求提供公开出版物", ["三、本年度办理结果", "（五）不予处理"]),
    ("reject_massive", "4.无正当理由大量反复申请", ["三、本年度办理结果", "（五）不予处理"]),
    ("reject_confirm", "5.要求行政机关确认或重新出具已获取信息", ["三、本年度办理结果", "（五）不予处理"]),
    ("other_overdue", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", ["三、本年度办理结果", "（六）其他处理"]),
    ("other_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", ["三、本年度办理结果", "（六）其他处理"]),
    ("other_other", "3.其他", ["三、本年度办理结果", "（六）其他处理"]),
    ("total", "（七）总计", ["三、本年度办理结果"]),
    ("carry_over", "四、结转下年度继续办理", []),
]
T3_ROWS_2019 = [r for r in T3_ROWS_2021 if not r[0].startswith("other_")]
T3_ROWS_2019.insert(-2, ("other", "（六）其他处理", ["三、本年度办理结果"]))

T4_KEYS = [g + "_" + r for g in ("review", "direct", "after")
           for r in ("upheld", "corrected", "other", "pending", "total")]
T4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

# (table key, block heading, column keys, column labels, [(row key, label)]).
T2_2021 = [
    ("t2a", "第二十条第（一）项", ["issued", "repealed", "valid"],
     ["本年制发件数", "本年废止件数", "现行有效件数"], [("rules", "规章"), ("normative", "行政规范性文件")]),
    ("t2b", "第二十条第（五）项", ["decisions"], ["本年处理决定数量"], [("license", "行政许可")]),
    ("t2c", "第二十条第（六）项", ["decisions"], ["本年处理决定数量"],
     [("penalty", "行政处罚"), ("coercion", "行政强制")]),
    ("t2d", "第二十条第（八）项", ["amount"], ["本年收费金额（单位：万元）"], [("fees", "行政事业性收费")]),
]
T2_2019 = [
    ("t2a", "第二十条第（一）项", ["made", "published", "public_total"],
     ["本年新制作数量", "本年新公开数量", "对外公开总数量"], [("rules", "规章"), ("normative", "规范性文件")]),
    ("t2b", "第二十条第（五）项", ["prev_items", "change", "decisions"],
     ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("license", "行政许可"), ("other_services", "其他对外管理服务事项")]),
    ("t2c", "第二十条第（六）项", ["prev_items", "change", "decisions"],
     ["上一年项目数量", "本年增/减", "处理决定数量"], [("penalty", "行政处罚"), ("coercion", "行政强制")]),
    ("t2d", "第二十条第（八）项", ["prev_items", "change"], ["上一年项目数量", "本年增/减"],
     [("fees", "行政事业性收费")]),
    ("t2e", "第二十条第（九）项", ["items", "amount"], ["采购项目数量", "采购总金额"],
     [("procurement", "政府集中采购")]),
]

HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]

PROSE = {
    0: ["{year}年，我镇认真贯彻《中华人民共和国政府信息公开条例》，围绕中心工作推进政务公开，"
        "主动公开、依申请公开、政府信息管理、平台建设和监督保障各项工作有序开展。",
        "（一）主动公开。通过政府网站、政务新媒体和公开栏及时发布政策文件、财政预决算、项目建设等信息。",
        "（二）依申请公开。严格按照法定时限答复，全年未发生因答复不当引起的纠纷。"],
    4: ["一是公开内容还不够全面；二是工作人员业务水平有待提高。下一步将加强培训，完善制度，提升公开质量。"],
    5: ["本年度未收取信息处理费。"],
}


class Report:
    """One township's numbers for a template."""

    def __init__(self, seed, tid, unit, year):
        rnd = random.Random(seed)
        self.tid, self.unit, self.year = tid, unit, year
        self.t2 = T2_2021 if tid == "gk2021" else T2_2019
        self.t3_rows = T3_ROWS_2021 if tid == "gk2021" else T3_ROWS_2019
        self.cells = {}
        for key, _, cols, _, rows in self.t2:
            for rk, _ in rows:
                for ck in cols:
                    if ck == "amount":
                        v = "%.2f" % (rnd.randint(0, 900) / 100)
                    elif ck == "change":
                        v = str(rnd.randint(-3, 5))
                    else:
                        v = str(rnd.choice([0, 0, 1, 2, 3, 5, 8, 12, 26]))
                    self.cells["%s.%s.%s" % (key, rk, ck)] = v
        leaves = [r[0] for r in self.t3_rows if r[0] not in ("new", "carried", "total", "carry_over")]
        per = {r: [rnd.choice([0, 0, 0, 1, 2, 3]) if c < 2 else rnd.choice([0, 0, 0, 0, 1])
                   for c in range(6)] for r in leaves}
        tot = [sum(per[r][c] for r in leaves) for c in range(6)]
        carried = [rnd.choice([0, 1]) if t > 0 else 0 for t in tot]
        carry = [rnd.choice([0, 1]) for _ in range(6)]
        new = [tot[c] + carry[c] - carried[c] for c in range(6)]
        per.update(new=new, carried=carried, total=tot, carry_over=carry)
        for r, vals in per.items():
            for c, v in enumerate(vals + [sum(vals)]):
                self.cells["t3.%s.%s" % (r, T3_COLS[c])] = str(v)
        for g in ("review", "direct", "after"):
            parts = [rnd.choice([0, 0, 1, 2]) for _ in range(4)]
            for r, v in zip(("upheld", "corrected", "other", "pending", "total"), parts + [sum(parts)]):
                self.cells["t4.cases.%s_%s" % (g, r)] = str(v)

    def v(self, addr):
        return self.cells[addr]

    def t3(self, row):
        return [self.v("t3.%s.%s" % (row, c)) for c in T3_COLS]

    def t4(self):
        return [self.v("t4.cases." + k) for k in T4_KEYS]

    def title(self):
        return "%s%d年政府信息公开工作年度报告" % (self.unit, self.year)

    def opening(self):
        return ("本报告依据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自%d年1月1日起至%d年12月31日止。"
                "如对本报告有疑问，请与%s党政综合办公室联系。" % (self.year, self.year, self.unit))

    def prose(self, i):
        return [p.format(year=self.year) for p in PROSE.get(i, [])]

    def signature(self):
        return [self.unit, "%d年1月20日" % (self.year + 1)]


# ---------------------------------------------------------------- HTML shapes

def td(text, rs=1, cs=1):
    a = (' rowspan="%d"' % rs if rs > 1 else "") + (' colspan="%d"' % cs if cs > 1 else "")
    return "<td%s>%s</td>" % (a, text)


def t2_html(rep, val=lambda s: s, head=lambda s: s):
    out = []
    for key, title, cols, labels, rows in rep.t2:
        out.append("<table border=\"1\">")
        out.append("<tr>" + td(head(title), cs=len(cols) + 1) + "</tr>")
        out.append("<tr>" + td("信息内容") + "".join(td(head(l)) for l in labels) + "</tr>")
        for rk, rl in rows:
            out.append("<tr>" + td(rl) + "".join(
                td(val(rep.v("%s.%s.%s" % (key, rk, c)))) for c in cols) + "</tr>")
        out.append("</table>")
    return "\n".join(out)


def t3_html(rep, val=lambda s: s, head=lambda s: s, empty=False):
    rows = rep.t3_rows
    out = ["<table border=\"1\">",
           "<tr>" + td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rs=3, cs=3)
           + td("申请人情况", cs=7) + "</tr>",
           "<tr>" + td(head("自然人"), rs=2) + td(head("法人或其他组织"), cs=5) + td("总计", rs=2) + "</tr>",
           "<tr>" + "".join(td(head(l)) for l in T3_COL_LABELS[1:6]) + "</tr>"]
    n_results = sum(1 for r in rows if r[2][:1] == ["三、本年度办理结果"])
    seen = set()
    for key, label, groups in rows:
        cells = ""
        if not groups:
            cells = td(label, cs=3)
        else:
            if groups[0] not in seen:
                seen.add(groups[0])
                cells += td(groups[0], rs=n_results)
            if len(groups) == 1:
                cells += td(label, cs=2)
            else:
                if groups[1] not in seen:
                    seen.add(groups[1])
                    cells += td(groups[1], rs=sum(1 for r in rows if r[2][1:2] == [groups[1]]))
                cells += td(label)
        vals = ["" if empty else val(x) for x in rep.t3(key)]
        out.append("<tr>" + cells + "".join(td(x) for x in vals) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def t4_html(rep, val=lambda s: s, empty=False):
    r3 = "".join(td(x) for x in T4_RESULTS[:4]) + td("总计")
    out = ["<table border=\"1\">",
           "<tr>" + td("行政复议", cs=5) + td("行政诉讼", cs=10) + "</tr>",
           "<tr>" + "".join(td(x, rs=2) for x in T4_RESULTS) + td("未经复议直接起诉", cs=5)
           + td("复议后起诉", cs=5) + "</tr>",
           "<tr>" + r3 + r3 + "</tr>",
           "<tr>" + "".join(td("" if empty else val(x)) for x in rep.t4()) + "</tr>",
           "</table>"]
    return "\n".join(out)


def html_page(rep, body_tables, before="", after="", title=None, headings=HEADINGS):
    p = lambda s: "<p>%s</p>" % s
    out = ["<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head><body>" % rep.title(), before,
           "<h1>%s</h1>" % (title or rep.title()), p(rep.opening())]
    for i, h in enumerate(headings):
        out.append("<h2>%s</h2>" % h)
        out.extend(p(x) for x in rep.prose(i))
        if 1 <= i <= 3:
            out.append(body_tables[i - 1])
    out.extend('<p style="text-align:right">%s</p>' % s for s in rep.signature())
    out.append(after)
    out.append("</body></html>")
    return "\n".join(out)


def official_html(rep, **kw):
    return html_page(rep, [t2_html(rep), t3_html(rep), t4_html(rep)], **kw)


# ---------------------------------------------------------------- text shapes

def t3_flat_rows(rep):
    """Label cells as a browser copies a merged table: group cells once."""
    seen, out = set(), []
    for key, label, groups in rep.t3_rows:
        labels = [g for g in groups if g not in seen] + [label]
        seen.update(groups)
        out.append((labels, rep.t3(key)))
    return out


def text_report(rep, tables, headings=HEADINGS, title=None, before=(), after=()):
    out = list(before) + [title if title is not None else rep.title(), "", rep.opening(), ""]
    for i, h in enumerate(headings):
        out += [h, ""]
        for x in rep.prose(i):
            out += [x, ""]
        if 1 <= i <= 3:
            out += tables[i - 1] + [""]
    out += rep.signature() + list(after)
    return "\n".join(out) + "\n"


def tab_tables(rep, lab=lambda s: s):
    t2 = []
    for key, title, cols, labels, rows in rep.t2:
        t2.append(lab(title))
        t2.append("\t".join(["信息内容"] + [lab(l) for l in labels]))
        for rk, rl in rows:
            t2.append("\t".join([lab(rl)] + [rep.v("%s.%s.%s" % (key, rk, c)) for c in cols]))
    t3 = [lab("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）") + "\t申请人情况",
          "\t自然人\t法人或其他组织\t\t\t\t\t总计",
          "\t\t" + "\t".join(T3_COL_LABELS[1:6])]
    for labels, vals in t3_flat_rows(rep):
        t3.append("\t".join([lab(l) for l in labels] + vals))
    t4 = ["行政复议\t\t\t\t\t行政诉讼",
          "\t".join(T4_RESULTS) + "\t未经复议直接起诉\t\t\t\t\t复议后起诉",
          "\t" * 5 + "\t".join(T4_RESULTS * 2),
          "\t".join(rep.t4())]
    return [t2, t3, t4]


def halfwidth(s, i=[0]):
    """Half-width and mixed punctuation, varied from label to label."""
    i[0] += 1
    mix = i[0] % 4
    s = s.replace("：", ":").replace("，", ",").replace("“", '"').replace("”", '"')
    if mix == 0:
        s = s.replace("（", "(").replace("）", ")")
    elif mix == 1:
        s = s.replace("（", "(")  # （一) style: opening only
    elif mix == 2:
        s = s.replace("）", ")")  # (三） style
    else:
        s = s.replace("（", "(").replace("）", ")")
    if len(s) > 2 and s[0].isdigit() and s[1] == ".":
        s = s[0] + ["、", "．", ".", ". "][i[0] % 4] + s[2:]
    return s


def cell_lines(rep, blank_line_between):
    """One cell per line (or per paragraph); headers as single lines too."""
    sep = [""] if blank_line_between else []
    tables = []
    t2 = []
    for key, title, cols, labels, rows in rep.t2:
        t2 += [title] + sep + ["信息内容"] + sep
        for l in labels:
            t2 += [l] + sep
        for rk, rl in rows:
            t2 += [rl] + sep
            for c in cols:
                t2 += [rep.v("%s.%s.%s" % (key, rk, c))] + sep
    tables.append(t2)
    t3 = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] + sep + ["申请人情况"] + sep
    for l in ["自然人", "法人或其他组织"] + T3_COL_LABELS[1:]:
        t3 += [l] + sep
    for labels, vals in t3_flat_rows(rep):
        for l in labels:
            t3 += [l] + sep
        for x in vals:
            t3 += [x] + sep
    tables.append(t3)
    t4 = []
    for l in ["行政复议", "行政诉讼"] + T4_RESULTS + ["未经复议直接起诉", "复议后起诉"] + T4_RESULTS * 2:
        t4 += [l] + sep
    for x in rep.t4():
        t4 += [x] + sep
    tables.append(t4)
    return tables


def pipe_lines(rep):
    """Cells on their own lines with a lone `|` between them."""
    out = []
    for lines in cell_lines(rep, False):
        t = []
        for x in lines:
            t += [x, "|"]
        out.append(t)
    return out


# ---------------------------------------------------------------- shapes

def expected(rep, shape, fmt, cells=None, notes=""):
    """What the report holds (`cells` overrides its numbers: the empty form has none)."""
    return {"shape": shape, "format": fmt, "template": rep.tid, "unit": rep.unit, "year": rep.year,
            "cells": rep.cells if cells is None else cells, "notes": notes}


def shapes():
    """(name, ext, text, expected) of every corpus report."""
    out = []

    r = Report(1, "gk2021", "青石镇", 2024)
    out.append(("official-html-2021", "html", official_html(r), expected(r, "official", "html")))

    r = Report(2, "gk2019", "白沙乡", 2020)
    out.append(("official-html-2019", "html", official_html(r), expected(r, "official", "html")))

    r = Report(3, "gk2021", "柳河镇", 2023)
    txt = text_report(r, [[halfwidth(x) for x in t] for t in tab_tables(r)],
                      headings=[halfwidth(h) for h in HEADINGS])
    out.append(("halfwidth-tabs", "txt", txt, expected(r, "half-width punctuation", "text")))

    r = Report(4, "gk2021", "东湖街道", 2024)
    out.append(("cell-per-line", "txt", text_report(r, cell_lines(r, False)),
                expected(r, "one cell per line", "text")))

    r = Report(5, "gk2019", "石门镇", 2020)
    out.append(("cell-per-paragraph", "txt", text_report(r, cell_lines(r, True)),
                expected(r, "one cell per paragraph", "text")))

    r = Report(6, "gk2021", "红旗镇", 2022)
    out.append(("pipe-lines", "txt", text_report(r, pipe_lines(r)), expected(r, "separator lines", "text")))

    r = Report(7, "gk2021", "南山镇", 2024)
    r.cells["t2d.fees.amount"] = "1,234.50"
    spaced = lambda s: ["&nbsp;%s", "%s&nbsp;", " %s ", "　%s"][int(s.replace(",", "").split(".")[0]) % 4] % s
    split = {"商业企业": "商业<br>企业", "科研机构": "科 研机 构", "社会公益组织": "社会 公益组织",
             "法律服务机构": "法律服务<br/>机构", "自然人": "自 然人", "本年制发件数": "本年<br>制发件数"}
    html = html_page(r, [t2_html(r, spaced, lambda s: split.get(s, s)), t3_html(r, spaced, lambda s: split.get(s, s)),
                         t4_html(r, spaced)])
    out.append(("spaces-and-split-headers", "html", html, expected(r, "spaces, &nbsp;, split header cells", "html")))

    r = Report(8, "gk2021", "西岭镇", 2023)
    slips = {"现行有效件数": "现行有效件", "行政规范性文件": "规范性文件",
             "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开（区分处理的，只记这一情形，不计其他情形）",
             "3.危及“三安全一稳定”": '3.危及"三安全一稳定"'}
    out.append(("label-slips-2021", "txt", text_report(r, [[_replace_all(x, slips) for x in t] for t in tab_tables(r)]),
                expected(r, "label variants and slips", "text")))

    r = Report(9, "gk2019", "北坡乡", 2020)
    t = tab_tables(r)
    t[0] = [x.replace("采购项目数量", "采购项目数") for x in t[0]]
    # 其他对外管 / 理服务事项: the label broken over two lines, values on the first.
    t[0] = sum(([x.replace("其他对外管理服务事项", "其他对外管"), "理服务事项"] if x.startswith("其他对外管理服务事项")
                else [x] for x in t[0]), [])
    out.append(("label-slips-2019", "txt", text_report(r, t), expected(r, "label variants and slips", "text")))

    r = Report(10, "gk2021", "河口镇", 2024)
    renamed = ["一、工作基本情况"] + HEADINGS[1:4] + ["五、存在的问题及改进措施", "六、其他报告的事项"]
    out.append(("renamed-headings", "txt", text_report(r, tab_tables(r), headings=renamed),
                expected(r, "renamed headings, adjacent 四、 row and heading", "text")))

    r = Report(11, "gk2021", "金沙镇", 2022)
    html = official_html(r)
    out.append(("traditional-pinyin", "html", traditional(html), expected(r, "Traditional Chinese, pinyin", "html")))

    r = Report(12, "gk2021", "三江街道", 2023)
    chrome = ("<div>首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div><div>发布时间：2024-01-18 09:30</div>"
              "<div>索引号：11520000MB1234567X/2024-00012</div><div>【字体：大 中 小】 打印本页</div>")
    footer = "<div>主办单位：三江街道办事处</div><div>网站标识码：5201000012</div><div>黔ICP备12345678号</div>"
    html = official_html(r, before=chrome, after=footer, title="政府信息公开 工作告年度报")
    out.append(("chrome-garbled-title", "html", html,
                expected(r, "page chrome, garbled year-less title", "html")))

    r = Report(13, "gk2019", "龙泉镇", 2019)
    inner = official_html(r)
    body = inner[inner.index("<body>") + 6:inner.index("</body>")]
    js = (body.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\u003c").replace(">", "\\u003e")
          .replace("\n", "\\n"))
    page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><div id=\"content\"></div>"
            "<script>var content = \"%s\";document.getElementById('content').innerHTML = content;</script>"
            "</body></html>" % js)
    out.append(("js-escaped", "html", page, expected(r, "JavaScript-escaped HTML", "html")))

    r = Report(14, "gk2021", "平安镇", 2024)
    tables = [t2_html(r), t3_html(r), t4_collapsed_html(r)]
    out.append(("collapsed-t4-header", "html", html_page(r, tables), expected(r, "collapsed 表四 header", "html")))

    r = Report(15, "gk2021", "长乐镇", 2023)
    tables = [t2_disagree_html(r), t3_html(r), t4_html(r)]
    out.append(("spans-disagree", "html", html_page(r, tables), expected(r, "header spans disagree with rows", "html")))

    r = Report(16, "gk2021", "高桥镇", 2024)
    tables = [t2_html(r, lambda s: ""), t3_html(r, empty=True), t4_html(r, empty=True)]
    out.append(("empty-form", "html", html_page(r, tables), expected(r, "tables printed empty", "html", cells={})))

    r = Report(17, "gk2019", "清溪镇", 2022)  # a 2022 report still on the 2019 layout
    out.append(("layout-not-year", "txt", text_report(r, tab_tables(r)),
                expected(r, "2019 layout in a 2022 report", "text")))

    return out


def _replace_all(s, table):
    for a, b in table.items():
        s = s.replace(a, b)
    return s


TRAD = str.maketrans({
    "发": "發", "数": "數", "规": "規", "门": "門", "开": "開", "计": "計", "只": "隻", "这": "這", "处": "處",
    "许": "許", "强": "強", "费": "費", "结": "結", "转": "轉", "请": "請", "国": "國", "护": "護", "务": "務",
    "过": "過", "执": "執", "询": "詢", "关": "關", "现": "現", "补": "補", "内": "內", "确": "確", "认": "認",
    "复": "復", "诉": "訴", "讼": "訟", "维": "維", "纠": "糾", "审": "審", "报": "報", "况": "況", "总": "總",
    "题": "題", "础": "礎", "范": "範", "废": "廢", "决": "決", "采": "採", "购": "購", "额": "額", "项": "項",
    "织": "織", "业": "業", "构": "構", "机": "機", "会": "會", "益": "益", "为": "為", "镇": "鎮", "县": "縣",
    "罚": "罰", "应": "應", "单": "單", "万": "萬", "个": "個", "实": "實", "们": "們", "时": "時", "统": "統",
    "编": "編", "条": "條", "例": "例", "办": "辦", "级": "級", "动": "動", "与": "與", "对": "對", "获": "獲",
    "术": "術", "类": "類", "访": "訪", "举": "舉", "减": "減", "驳": "駁", "经": "經", "议": "議", "诚": "誠",
})


def traditional(html):
    """A mirror site's copy: Traditional characters, pinyin after 规章."""
    t = html.translate(TRAD)
    return t.replace("<td>規章</td>", "<td>規(guī)章</td>")


def t4_collapsed_html(rep):
    """表四 with one result header row printed once for all three groups."""
    return "\n".join(["<table border=\"1\">",
                      "<tr>" + td("行政复议", cs=5) + td("行政诉讼", cs=10) + "</tr>",
                      "<tr>" + td("", cs=5) + td("未经复议直接起诉", cs=5) + td("复议后起诉", cs=5) + "</tr>",
                      "<tr>" + "".join(td(x) for x in T4_RESULTS) + "</tr>",
                      "<tr>" + "".join(td(x) for x in rep.t4()) + "</tr>",
                      "</table>"])


def t2_disagree_html(rep):
    """Header cells spanning 1+2+1+1, data rows 2+1+1+1."""
    out = []
    for key, title, cols, labels, rows in rep.t2:
        out.append("<table border=\"1\">")
        out.append("<tr>" + td(title, cs=len(cols) + 2) + "</tr>")
        out.append("<tr>" + td("信息内容") + td(labels[0], cs=2) + "".join(td(l) for l in labels[1:]) + "</tr>")
        for rk, rl in rows:
            out.append("<tr>" + td(rl, cs=2) + "".join(
                td(rep.v("%s.%s.%s" % (key, rk, c))) for c in cols) + "</tr>")
        out.append("</table>")
    return "\n".join(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, ext, text, exp in shapes():
        with open(os.path.join(OUT, "%s.%s" % (name, ext)), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(OUT, name + ".expected.json"), "w", encoding="utf-8") as f:
            json.dump(exp, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")
    if "--office" in sys.argv:
        office()


def office():
    """Word and PDF fixtures through LibreOffice (needed only to regenerate them)."""
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install libreoffice-writer")
    for name in ["official-html-2021", "official-html-2019"]:
        tmp = tempfile.mkdtemp()
        src = os.path.join(OUT, name + ".html")
        subprocess.run([soffice, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, src],
                       check=True, capture_output=True)
        base = name.replace("official-html", "word")
        shutil.move(os.path.join(tmp, name + ".docx"), os.path.join(OUT, base + ".docx"))
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp,
                        os.path.join(OUT, base + ".docx")], check=True, capture_output=True)
        shutil.move(os.path.join(tmp, base + ".pdf"), os.path.join(OUT, base.replace("word", "pdf") + ".pdf"))
        with open(os.path.join(OUT, name + ".expected.json"), encoding="utf-8") as f:
            exp = json.load(f)
        for fmt, ext, out_name in [("docx", "docx", base), ("pdf", "pdf", base.replace("word", "pdf"))]:
            e = dict(exp, format=fmt, shape="official (%s)" % fmt)
            with open(os.path.join(OUT, out_name + ".expected.json"), "w", encoding="utf-8") as f:
                json.dump(e, f, ensure_ascii=False, indent=1, sort_keys=True)
                f.write("\n")


if __name__ == "__main__":
    main()
