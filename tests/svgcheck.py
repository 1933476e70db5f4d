# SPDX-License-Identifier: MIT
"""Checks shared by the tests of SVG figures (tests/cli_svg.sh,
tests/tui_svg.sh): well-formed, readable on a projector, values placed
where the axes say."""
import json, math, xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
REST = "#aaaaaa"      # a sweep's series past those the legend names

# Advance widths of DejaVu Sans (the figure's first font) and its bold, in
# thousandths of an em, for ASCII 32..126, read from the fonts' hmtx
# tables; other characters are taken as 1 em.
ADVANCE = ([318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361, 318, 337, 637, 637, 637, 637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 531, 1000, 685, 687, 699, 771, 632, 576, 775, 752, 295, 295, 656, 558, 863, 749, 788, 604, 788, 695, 635, 611, 732, 685, 989, 686, 611, 686, 391, 337, 391, 838, 500, 500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580, 278, 975, 634, 612, 635, 635, 412, 521, 393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838],
           [349, 457, 521, 838, 696, 1002, 873, 307, 458, 458, 523, 838, 380, 416, 380, 366, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 581, 1000, 774, 763, 734, 831, 684, 684, 821, 837, 373, 373, 775, 638, 996, 837, 851, 733, 851, 771, 721, 683, 813, 774, 1104, 771, 725, 726, 458, 366, 458, 838, 500, 500, 675, 716, 593, 716, 679, 436, 716, 712, 343, 343, 666, 343, 1042, 712, 688, 716, 716, 494, 596, 479, 712, 652, 924, 646, 652, 583, 712, 366, 712, 838])

def text_width(s, size, bold=False):
    w = ADVANCE[1 if bold else 0]
    return sum(w[ord(c) - 32] if 32 <= ord(c) < 127 else 1000
               for c in s) * size / 1000.0

def text_boxes(root):
    """(element, text, left, right, top, bottom) of every line of text:
    0.76 em above the baseline, 0.24 below (DejaVu Sans)."""
    out = []
    for t in root.iter(NS + "text"):
        size = float(t.get("font-size"))
        bold = t.get("font-weight") == "bold"
        mono = t.get("font-family") == "monospace"
        anchor = t.get("text-anchor", "start")
        spans = list(t.iter(NS + "tspan")) or [t]
        for sp in spans:
            s = sp.text or ""
            x = float(sp.get("x", t.get("x")))
            y = float(sp.get("y", t.get("y")))
            w = 0.602 * size * len(s) if mono else text_width(s, size, bold)
            left = x - {"start": 0, "middle": w / 2, "end": w}[anchor]
            out.append((t, s, left, left + w, y - 0.76 * size,
                        y + 0.24 * size))
    return out

def check_text_inside(root):
    """Every line of text lies within the figure's width."""
    width = float(root.get("width"))
    for t, s, left, right, top, bottom in text_boxes(root):
        assert left >= 0 and right <= width, ("text cut", s, left, right)

def check_notes_clear(root):
    """The notes and the small print overlap no other text."""
    boxes = text_boxes(root)
    for a in boxes:
        if a[0].get("class") not in ("note", "command"):
            continue
        for b in boxes:
            if b is a or not b[1].strip():
                continue
            assert a[3] <= b[2] or b[3] <= a[2] or a[5] <= b[4] or \
                b[5] <= a[4], ("texts overlap", a[1], b[1])

def load(path):
    root = ET.parse(path).getroot()          # well-formed, or an exception
    assert root.tag == NS + "svg", root.tag
    assert root.get("viewBox") == "0 0 1600 1000", root.get("viewBox")
    for e in root.iter():                    # readable on a projector
        if e.get("font-size"):
            assert float(e.get("font-size")) >= 16, e.attrib
    check_text_inside(root)
    check_notes_clear(root)
    check_zero_row(root)
    return root

def check_zero_row(root):
    """A std of exactly 0 has no place on a log scale: its marker lies in
    a row of its own below the scale (data-zero-y0, data-zero-height),
    apart from the lowest gridline, labelled 0, and the markers of two
    series at one layer do not cover each other (but those of a sweep's
    rest, drawn alike in grey, REST)."""
    for panel in root.iter(NS + "g"):
        if panel.get("class") != "panel":
            continue
        zeros = [(g.get("data-series"), c) for g in panel.iter(NS + "g")
                 if g.get("class") == "profile"
                 for c in g.iter(NS + "circle")
                 if float(c.get("data-value")) == 0
                 and not c.get("data-kind").endswith("_theory")]
        if not zeros:
            continue
        bottom = float(panel.get("data-y0")) + float(panel.get("data-height"))
        assert panel.get("data-zero-y0") is not None, "no zero row"
        z0 = float(panel.get("data-zero-y0"))
        z1 = z0 + float(panel.get("data-zero-height"))
        assert z0 >= bottom + 8, ("zero row against the scale", z0, bottom)
        labels = [t for t in panel.iter(NS + "text") if t.text == "0"
                  and t.get("text-anchor") == "end"
                  and z0 <= float(t.get("y")) <= z1 + 8]
        assert len(labels) == 1, ("the zero row is not labelled 0", labels)
        at = {}
        for series, c in zeros:
            cx, cy = float(c.get("cx")), float(c.get("cy"))
            rest = c.get("fill") == REST
            assert z0 < cy < z1, ("a zero outside its row", c.attrib)
            for other, (x, y, r) in at.items():   # two series, or two kinds
                assert abs(x - cx) > 0.01 or abs(y - cy) >= 4 or \
                    (r and rest), \
                    ("zeros cover each other", series, other, c.attrib)
            at[(series, c.get("data-kind"), c.get("data-layer"))] = \
                (cx, cy, rest)

def place(panel, layer, v):
    """Where the panel's axes put value v of a layer."""
    f = lambda k: float(panel.get("data-" + k))
    lo, hi = math.log10(f("lo")), math.log10(f("hi"))
    a, b = f("layer-lo"), f("layer-hi")
    x = f("x0") + (f("width") / 2 if b <= a else
                   (layer - a) / (b - a) * f("width"))
    y = f("y0") + (hi - math.log10(v)) / (hi - lo) * f("height")
    return x, y

def markers(group, kind):
    """{layer: (value, cx, cy)} of a profile group's markers of kind."""
    out = {}
    for c in group.iter(NS + "circle"):
        if c.get("data-kind") == kind:
            out[int(c.get("data-layer"))] = (float(c.get("data-value")),
                                             float(c.get("cx")),
                                             float(c.get("cy")))
    return out

def check_profile(panel, group, kind, want):
    """Markers of kind equal want (one number per layer, None: absent),
    each placed where the panel's axes put it."""
    got = markers(group, kind)
    for layer, v in enumerate(want, 1):
        if v is None:
            assert layer not in got, (kind, layer)
            continue
        assert layer in got, (kind, layer, "missing")
        value, cx, cy = got[layer]
        assert value == v, (kind, layer, value, v)
        if v > 0:
            x, y = place(panel, layer, v)
            assert abs(cx - x) < 0.01 and abs(cy - y) < 0.01, \
                (kind, layer, cx, cy, x, y)
    assert len(got) == sum(v is not None for v in want), (kind, got)

def command(root):
    """The small print's command as a shell reads it: a line ending in a
    backslash goes on in the next (the shell drops the backslash and the
    newline, so a word broken there is joined)."""
    lines = [t.text for t in root.iter(NS + "text")
             if t.get("class") == "command"]
    out = ""
    for i, line in enumerate(lines):
        if i < len(lines) - 1:
            assert line.endswith("\\"), ("a break the shell would not join",
                                          line)
            line = line[:-1]
        out += line
    return out

def whole_command(root):
    """The command kept whole in the figure's <desc>."""
    d = [e for e in root.iter(NS + "desc") if e.get("class") == "command"]
    assert len(d) == 1, len(d)
    return d[0].text

def check_visible(group):
    """Every value of a profile group placed by an invisible marker (r 0:
    the mean field, deep networks) lies on a stroke of some length of its
    line: a path of the marker's colour and, for the mean field, dashes."""
    import re
    for c in group.iter(NS + "circle"):
        if float(c.get("r")) > 0 or float(c.get("data-value")) <= 0:
            continue
        theory = c.get("data-kind").endswith("_theory")
        x, y = float(c.get("cx")), float(c.get("cy"))
        seen = False
        for p in group.iter(NS + "path"):
            if p.get("stroke") != c.get("fill") or \
                    (p.get("stroke-dasharray") == "4 6") != theory:
                continue
            pts = [[]]
            for cmd, a, b in re.findall(r"([ML])([-\d.]+) ([-\d.]+)", p.get("d")):
                if cmd == "M":
                    pts.append([])
                pts[-1].append((float(a), float(b)))
            for sub in pts:
                for (a, b), (u, v) in zip(sub, sub[1:]):
                    n = math.hypot(u - a, v - b)
                    if n == 0:
                        continue
                    t = ((x - a) * (u - a) + (y - b) * (v - b)) / n / n
                    d = abs((x - a) * (v - b) - (y - b) * (u - a)) / n
                    seen |= -1e-6 <= t <= 1 + 1e-6 and d < 0.01
        assert seen, ("a value drawn by no stroke", c.attrib)
