/* SPDX-License-Identifier: MIT */
/* Run by tests/svg_browser.sh inside a headless browser, on a page that
 * holds one figure inline: the figure as the browser lays it out, with
 * the fonts it has. Every text's box and every marker's box in the
 * figure's own units (viewBox), then: boxes outside the canvas, and pairs
 * of boxes that cover each other. The result goes into the page as JSON,
 * for the script to read from the dumped page. */
(function () {
	var out = { parsererror: !!document.querySelector('parsererror'),
		    svgs: document.querySelectorAll('svg').length,
		    texts: 0, marks: 0, outside: [], overlaps: [] };
	var svg = document.querySelector('svg');
	if (svg && !out.parsererror) {
		measure(svg, out);
	}
	var p = document.createElementNS('http://www.w3.org/1999/xhtml', 'pre');
	p.id = 'result';
	p.textContent = JSON.stringify(out);
	document.documentElement.appendChild(p);

	/* The element's box in the figure's units. A text's is its ink, not
	 * the font's whole ascent and descent, which getBBox gives: the
	 * canvas measures the ink of the same string in the same font, from
	 * the baseline, and getBBox places it. */
	function box(svg, el, what) {
		var b = el.getBBox(), x0 = b.x, y0 = b.y, x1 = b.x + b.width,
		    y1 = b.y + b.height;
		if (el.tagName !== 'circle') {
			var st = getComputedStyle(el), ctx = canvas();
			ctx.font = st.fontStyle + ' ' + st.fontWeight + ' ' +
				   st.fontSize + ' ' + st.fontFamily;
			var m = ctx.measureText(el.textContent);
			var base = b.y + m.fontBoundingBoxAscent;
			x0 = b.x - m.actualBoundingBoxLeft;
			x1 = b.x + m.actualBoundingBoxRight;
			y0 = base - m.actualBoundingBoxAscent;
			y1 = base + m.actualBoundingBoxDescent;
		}
		var t = svg.getScreenCTM().inverse().multiply(el.getScreenCTM());
		var xs = [], ys = [];
		[[x0, y0], [x1, y0], [x0, y1], [x1, y1]].forEach(function (c) {
			var q = svg.createSVGPoint();
			q.x = c[0];
			q.y = c[1];
			q = q.matrixTransform(t);
			xs.push(q.x);
			ys.push(q.y);
		});
		return { what: what, x0: Math.min.apply(null, xs),
			 x1: Math.max.apply(null, xs), y0: Math.min.apply(null, ys),
			 y1: Math.max.apply(null, ys) };
	}

	function canvas() {
		if (!canvas.ctx)
			canvas.ctx = document.createElementNS(
				'http://www.w3.org/1999/xhtml', 'canvas').getContext('2d');
		return canvas.ctx;
	}

	function measure(svg, out) {
		var W = svg.viewBox.baseVal.width, H = svg.viewBox.baseVal.height;
		var boxes = [];
		/* a text's pieces one by one where it is set in tspans */
		svg.querySelectorAll('text').forEach(function (t) {
			var parts = t.querySelectorAll('tspan');
			(parts.length ? parts : [t]).forEach(function (e) {
				var s = e.textContent.trim();
				if (s)
					boxes.push(box(svg, e, 'text ' + s.slice(0, 70)));
			});
		});
		out.texts = boxes.length;
		svg.querySelectorAll('circle').forEach(function (c) {
			boxes.push(box(svg, c, 'marker ' +
				       (c.getAttribute('data-kind') || '') + ' layer ' +
				       (c.getAttribute('data-layer') || '') + ' = ' +
				       (c.getAttribute('data-value') || '')));
			out.marks++;
		});
		boxes.forEach(function (b) {
			if (b.x0 < -0.5 || b.y0 < -0.5 || b.x1 > W + 0.5 ||
			    b.y1 > H + 0.5)
				out.outside.push(b);
		});
		for (var i = 0; i < boxes.length; i++)
			for (var j = i + 1; j < boxes.length; j++) {
				var a = boxes[i], c = boxes[j];
				/* markers of a profile may meet each other where
				 * two values are close: that is the data */
				if (a.what.indexOf('marker') === 0 &&
				    c.what.indexOf('marker') === 0)
					continue;
				var w = Math.min(a.x1, c.x1) - Math.max(a.x0, c.x0);
				var h = Math.min(a.y1, c.y1) - Math.max(a.y0, c.y0);
				if (w > 1 && h > 1)
					out.overlaps.push([a, c]);
			}
	}
})();
