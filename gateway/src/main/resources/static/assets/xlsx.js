// A small .xlsx writer for "导出 Excel" of the view on screen: one or more sheets of rows, the first row a bold,
// frozen header, text cells as text (a leading "=" stays text: no formulas), numbers as numbers. Office Open XML in a
// ZIP of stored (uncompressed) entries, no library and no server round trip: what is exported is exactly what the
// user filtered.

const encoder = new TextEncoder();

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) {
			c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		}
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(bytes) {
	let crc = 0xffffffff;
	for (let i = 0; i < bytes.length; i++) {
		crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
	}
	return (crc ^ 0xffffffff) >>> 0;
}

/** A ZIP archive of stored entries: [{ name, text }]. */
function zip(files) {
	const parts = [];
	const central = [];
	let offset = 0;
	files.forEach(({ name, text }) => {
		const nameBytes = encoder.encode(name);
		const data = encoder.encode(text);
		const crc = crc32(data);
		const local = new DataView(new ArrayBuffer(30));
		local.setUint32(0, 0x04034b50, true);
		local.setUint16(4, 20, true);
		local.setUint16(6, 0x0800, true); // UTF-8 names
		local.setUint16(8, 0, true); // stored
		local.setUint32(14, crc, true);
		local.setUint32(18, data.length, true);
		local.setUint32(22, data.length, true);
		local.setUint16(26, nameBytes.length, true);
		parts.push(new Uint8Array(local.buffer), nameBytes, data);
		const entry = new DataView(new ArrayBuffer(46));
		entry.setUint32(0, 0x02014b50, true);
		entry.setUint16(4, 20, true);
		entry.setUint16(6, 20, true);
		entry.setUint16(8, 0x0800, true);
		entry.setUint32(16, crc, true);
		entry.setUint32(20, data.length, true);
		entry.setUint32(24, data.length, true);
		entry.setUint16(28, nameBytes.length, true);
		entry.setUint32(42, offset, true);
		central.push(new Uint8Array(entry.buffer), nameBytes);
		offset += 30 + nameBytes.length + data.length;
	});
	const size = central.reduce((sum, p) => sum + p.length, 0);
	const end = new DataView(new ArrayBuffer(22));
	end.setUint32(0, 0x06054b50, true);
	end.setUint16(8, files.length, true);
	end.setUint16(10, files.length, true);
	end.setUint32(12, size, true);
	end.setUint32(16, offset, true);
	return new Blob([...parts, ...central, new Uint8Array(end.buffer)],
		{ type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

function xml(text) {
	// characters XML 1.0 cannot carry are dropped
	return String(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
		.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function column(index) {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
		name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	}
	return name;
}

/** Display width of a text in Excel's units: a CJK character counts double. */
function width(value) {
	let w = 0;
	for (const ch of String(value ?? '')) {
		w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
	}
	return w;
}

function sheetXml(rows) {
	const widths = [];
	rows.forEach((row) => row.forEach((cell, c) => (widths[c] = Math.max(widths[c] || 6, Math.min(60, width(cell) + 2)))));
	const cols = widths.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join('');
	const body = rows.map((row, r) => `<row r="${r + 1}">${row.map((cell, c) => {
		const ref = column(c) + (r + 1);
		const style = r === 0 ? ' s="1"' : '';
		if (typeof cell === 'number' && Number.isFinite(cell)) {
			return `<c r="${ref}"${style}><v>${cell}</v></c>`;
		}
		if (cell === null || cell === undefined || cell === '') {
			return `<c r="${ref}"${style}/>`;
		}
		return `<c r="${ref}" t="inlineStr"${style}><is><t xml:space="preserve">${xml(cell)}</t></is></c>`;
	}).join('')}</row>`).join('');
	return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
		+ '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
		+ '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
		+ (cols ? `<cols>${cols}</cols>` : '') + `<sheetData>${body}</sheetData>`
		+ '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
		+ '<pageSetup orientation="landscape" paperSize="9"/></worksheet>';
}

/** An .xlsx of the given sheets: [{ name, rows: [[header…], [cell…]…] }]. */
export function workbook(sheets) {
	const names = sheets.map((s, i) => xml(String(s.name || `Sheet${i + 1}`).replace(/[\\/?*[\]:]/g, ' ').slice(0, 31)));
	const files = [
		{ name: '[Content_Types].xml', text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
			+ '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
			+ '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
			+ '<Default Extension="xml" ContentType="application/xml"/>'
			+ '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
			+ '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
			+ sheets.map((s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')
			+ '</Types>' },
		{ name: '_rels/.rels', text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
			+ '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
			+ '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
			+ '</Relationships>' },
		{ name: 'xl/workbook.xml', text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
			+ '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
			+ names.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')
			+ '</sheets></workbook>' },
		{ name: 'xl/_rels/workbook.xml.rels', text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
			+ '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
			+ sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
			+ `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`
			+ '</Relationships>' },
		{ name: 'xl/styles.xml', text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
			+ '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
			+ '<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>'
			+ '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
			+ '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
			+ '<cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>' },
		...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, text: sheetXml(s.rows) })),
	];
	return zip(files);
}

/** Offers the workbook as a download named {@code name}. */
export function saveWorkbook(name, sheets) {
	const url = URL.createObjectURL(workbook(sheets));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10000);
}
