#!/usr/bin/python3
"""Walk the running editor's accessibility tree over AT-SPI, as Orca would.

Called by scripts/a11y-check.sh once the editor runs on an AT-SPI bus. It
asserts, from the outside and in the official words, what a blind clerk's
screen reader must find:

  a. an application with a window named by its title;
  b. the menu bar 文件 · 编辑 · 视图 · 帮助, and 文件's entries once opened
     through the accessibility action (what a screen reader does on Enter);
  c. every cell of one table (表三) as an entry named
     `表三 <official row path> <official column path>`, the list coming from
     `nianbao cells`, so the template, not this script, says what exists;
     and one cell's value read back through the Text interface;
  d. the problems list 校验结果 with one entry per finding of
     `nianbao validate --format json`;
  e. the focus moved by the screen reader (grabFocus) to the last cell, far
     below the window's bottom: the cell is focused and scrolled into view.

Prints what it found; exits 1 with the first missing thing named.
Needs python3-pyatspi (Debian), hence /usr/bin/python3.
"""

import argparse
import json
import subprocess
import sys
import time

import pyatspi

MENUS = ["文件", "编辑", "视图", "帮助"]
FILE_ENTRIES = ["新建…", "打开…", "保存", "另存为…", "导出 Word…", "退出"]


def say(text):
    print(f"[a11y-walk] {text}", flush=True)


class Missing(Exception):
    """What the tree lacks, in words for the CI log."""


def nodes(root, limit=5000):
    """Every accessible under `root`, breadth first, as (accessible, role, name)."""
    out, queue = [], [root]
    while queue and len(out) < limit:
        node = queue.pop(0)
        try:
            role, name = node.getRoleName(), node.name or ""
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        except Exception:  # a node that went away between two calls
            continue
        out.append((node, role, name))
        queue.extend(c for c in children if c is not None)
    return out


def find_app(name, timeout):
    """The application called `name` once it shows a window."""
    deadline = time.monotonic() + timeout
    while True:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is None or app.name != name:
                continue
            frames = [app.getChildAtIndex(j) for j in range(app.childCount)]
            if any(f is not None and f.getRoleName() == "frame" for f in frames):
                return app
        if time.monotonic() > deadline:
            names = [desktop.getChildAtIndex(i).name for i in range(desktop.childCount)]
            raise Missing(f"(a) no application '{name}' with a window on the AT-SPI bus; "
                          f"applications seen: {names}")
        time.sleep(0.5)


def expected_cells(cells_tsv, prefix, table):
    """Official names of the table's cells from `nianbao cells` output."""
    wanted = {}
    with open(cells_tsv, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5 or not parts[0].startswith(prefix):
                continue
            words = [table] + parts[3].split(" / ") + parts[4].split(" / ")
            wanted[parts[0]] = " ".join(w for w in words if w)
    if not wanted:
        raise Missing(f"`nianbao cells` lists no cell starting with {prefix}")
    return wanted


def check_menu(app, found):
    bars = [n for n, role, _ in found if role in ("menu bar", "menu")
            and [c.name for c in n][:len(MENUS)] == MENUS]
    if not bars:
        raise Missing(f"(b) no menu bar whose entries are {' · '.join(MENUS)}")
    say(f"(b) menu bar ({bars[0].getRoleName()}): {' · '.join(c.name for c in bars[0])}")
    file_button = bars[0].getChildAtIndex(0)
    action = file_button.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    say(f"    文件 offers the actions {names}; doing '{names[0] if names else '?'}'")
    if not names:
        raise Missing("(b) the menu entry 文件 offers no accessibility action")
    action.doAction(0)
    deadline = time.monotonic() + 10
    while True:
        shown = [name for _, role, name in nodes(app) if role in ("push button", "menu item")]
        # An entry with a shortcut is named with it: `保存 Ctrl+S`.
        named = [next((s for s in shown if s.split(" Ctrl+")[0] == e), None) for e in FILE_ENTRIES]
        if all(named):
            say(f"    文件 opened: {' · '.join(named)} …")
            return
        if time.monotonic() > deadline:
            lacking = [e for e, n in zip(FILE_ENTRIES, named) if not n]
            raise Missing(f"(b) after opening 文件 its entries {lacking} are not in the tree; "
                          f"buttons: {shown}")
        time.sleep(0.3)


def check_cells(found, wanted, probe):
    entries = {name: node for node, role, name in found if role == "entry"}
    lacking = [f"{addr} → '{name}'" for addr, name in wanted.items() if name not in entries]
    if lacking:
        near = sorted(n for n in entries if n.startswith(next(iter(wanted.values()))[:2]))[:5]
        raise Missing(f"(c) {len(lacking)} of {len(wanted)} cells have no entry named by their "
                      f"official row and column, e.g. {lacking[:3]}; entries like: {near}")
    say(f"(c) all {len(wanted)} cells found by official row + column, e.g.:")
    for name in list(wanted.values())[:2] + list(wanted.values())[-1:]:
        say(f"      entry '{name}'")
    if probe:
        address, value = probe.split("=", 1)
        node = entries[wanted[address]]
        text = node.queryText().getText(0, -1)
        if text != value:
            raise Missing(f"(c) the entry '{wanted[address]}' reads '{text}', the file holds "
                          f"'{value}'")
        say(f"    its value through the Text interface: {address} = '{text}'")


def find_named(app, name):
    return next((n for n, _, nm in nodes(app) if nm == name), None)


def check_focus(app, frame, pid, name):
    """A screen reader moves the focus to a cell below the fold: it gets the
    focus and the form scrolls it into the window."""
    # Without a window manager, only the window with the X focus has an
    # accessible focus at all (accesskit reports none in an unfocused window).
    window = subprocess.run(["xdotool", "search", "--pid", str(pid)], capture_output=True,
                            text=True).stdout.split()
    if not window:
        raise Missing(f"(e) no X window of process {pid}")
    try:
        subprocess.run(["xdotool", "windowfocus", "--sync", window[-1]], capture_output=True,
                       timeout=10)
    except subprocess.TimeoutExpired:
        raise Missing(f"(e) the editor's window {window[-1]} did not take the X focus")
    win = frame.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    node = find_named(app, name)
    before = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    node.queryComponent().grabFocus()
    deadline = time.monotonic() + 10
    while True:
        node = find_named(app, name)
        box = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS) if node else before
        focused = node is not None and node.getState().contains(pyatspi.STATE_FOCUSED)
        inside = win.y <= box.y and box.y + box.height <= win.y + win.height
        if focused and inside:
            say(f"(e) grabFocus on '{name}': focused, scrolled from y={before.y} to y={box.y} "
                f"(window {win.width}×{win.height})")
            return
        if time.monotonic() > deadline:
            raise Missing(f"(e) after grabFocus '{name}' is {'' if focused else 'not '}focused, "
                          f"at y={box.y} in a window {win.height} high")
        time.sleep(0.3)


def check_problems(found, problems_json, list_name):
    with open(problems_json, encoding="utf-8") as f:
        report = json.load(f)
    messages = [e["message"] for e in report.get("errors", []) + report.get("warnings", [])]
    lists = [n for n, role, name in found if role == "list" and name == list_name]
    if not lists:
        raise Missing(f"(d) no list named '{list_name}' (the problems panel)")
    entries = [(c.getRoleName(), c.name) for c in lists[0]]
    lacking = [m for m in messages if not any(m in name for _, name in entries)]
    if lacking or not messages:
        raise Missing(f"(d) the list '{list_name}' lacks findings {lacking or '(none expected?)'}; "
                      f"it holds {entries}")
    say(f"(d) list '{list_name}', all {len(messages)} findings of `nianbao validate` in it:")
    for role, name in entries:
        say(f"      {role} '{name[:70]}{'…' if len(name) > 70 else ''}'")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--app", default="nianbao")
    p.add_argument("--cells", required=True, help="output of `nianbao cells FILE`")
    p.add_argument("--prefix", default="t3.", help="addresses of the table to check")
    p.add_argument("--table", default="表三", help="the table's name in its cells' names")
    p.add_argument("--problems", required=True, help="`nianbao validate --format json` output")
    p.add_argument("--list-name", default="校验结果")
    p.add_argument("--window-has", default="", help="text the window's name must contain")
    p.add_argument("--probe", help="ADDRESS=VALUE read back through the Text interface")
    p.add_argument("--pid", type=int, help="the editor's process: check focus moves (needs xdotool)")
    p.add_argument("--timeout", type=float, default=40)
    p.add_argument("--dump", help="write every node (role, name) to this file")
    args = p.parse_args()
    wanted = expected_cells(args.cells, args.prefix, args.table)
    try:
        app = find_app(args.app, args.timeout)
        frame = next(c for c in app if c.getRoleName() == "frame")
        say(f"(a) application '{app.name}', window '{frame.name}'")
        if args.window_has not in (frame.name or "") or not frame.name.endswith("年报"):
            raise Missing(f"(a) the window's name '{frame.name}' is not its title "
                          f"(… {args.window_has} … — 年报)")
        # The tree arrives with the first frames: wait until the table is in it.
        deadline = time.monotonic() + args.timeout
        while True:
            found = nodes(app)
            last = wanted[list(wanted)[-1]]
            if any(name == last for _, _, name in found) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        say(f"    {len(found)} accessible objects")
        if args.dump:
            with open(args.dump, "w", encoding="utf-8") as f:
                f.writelines(f"[{role}] {name}\n" for _, role, name in found)
        check_cells(found, wanted, args.probe)
        check_problems(found, args.problems, args.list_name)
        if args.pid:
            check_focus(app, frame, args.pid, wanted[list(wanted)[-1]])
        check_menu(app, found)  # last: it opens a menu
    except Missing as missing:
        say(f"FAILED: {missing}")
        return 1
    say("all found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
