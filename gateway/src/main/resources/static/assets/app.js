// Keywork dashboard: a plain ES module, no build step. Talks only to the gateway's /api with the bearer token from
// the login (kept in sessionStorage: gone when the tab closes). Hash routes (filters as ?key=value after the route):
//   #/login  #/overview  #/starred  #/list (事项: filter, search, pages, by department / leader, export, print)
//   #/projects  #/items/{itemId}  #/inbox  #/report  #/evaluation (考核)
//   #/plans/{year}  (计划管理: import, drafts, 任务分解表, versions)  #/review/{draftId}  (审核修改)
// Live updates: alerts arrive on the event stream (/api/alerts/stream, the token as access_token since EventSource
// sends no headers) and reload only the page of data on screen; the rest is re-read every 60 s, one page at a time.

import { saveWorkbook } from './xlsx.js';

const YEAR = 2021;
const POLL_MS = 60000;
const TOKEN_KEY = 'keywork.token';

const STATUS = {
	GREEN: '正常',
	YELLOW: '预警',
	RED: '滞后',
	DONE: '完成',
	NOT_STARTED: '未开始',
	UNREPORTED: '未报送',
	UNSCHEDULED: '未排期',
};
const STATUS_ORDER = ['GREEN', 'YELLOW', 'RED', 'DONE', 'NOT_STARTED'];
const STATUS_COLOR = { GREEN: '#2e9d5b', YELLOW: '#e0a100', RED: '#d64541', DONE: '#2f6fd6', NOT_STARTED: '#9aa3ad', UNREPORTED: '#8e5bd6', UNSCHEDULED: '#9aa3ad' };
const ALERT_STATUS = { OPEN: '待确认', ACKNOWLEDGED: '已确认', RESOLVED: '已解除' };
const ROLE_LABEL = { DEPARTMENT: '部门填报员', LEADER: '区领导', SUPERVISOR: '督查人员', ADMIN: '系统管理员' };
const QUALITATIVE_STATES = { NOT_STARTED: '未开始', ON_TRACK: '按计划推进', AT_RISK: '存在风险', BLOCKED: '受阻', DONE: '已完成' };
const NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** What the services call a field, in the words of the form the user filled in. */
const FIELD_LABELS = {
	asOf: '截至日期', value: '数值', reachedOn: '达成日期', state: '进展', department: '填报部门', note: '说明',
	targetId: '指标', itemId: '事项', reportId: '报告编号', planYear: '年度', supersedes: '更正的报告', body: '内容',
	username: '用户名', password: '密码', instruction: '批示', confirmed: '确认', status: '状态', year: '年度',
	page: '页码', size: '每页条数', q: '搜索', section: '板块', leader: '分管领导', file: '文件', alertId: '提醒',
};
const SEVERITY = { YELLOW: '黄色预警', RED: '红色预警' };

const view = document.getElementById('view');
let charts = [];
let pollTimer = null;
let renderSeq = 0;

// ---------------------------------------------------------------- session

function token() {
	return sessionStorage.getItem(TOKEN_KEY);
}

/** The signed-in user, read from the token's claims (the gateway verifies the token; this only shows it). */
function user() {
	const jwt = token();
	if (!jwt) {
		return null;
	}
	try {
		const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
		const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
		const claims = JSON.parse(new TextDecoder().decode(bytes));
		if (claims.exp && claims.exp * 1000 < Date.now()) {
			return null;
		}
		return { ...claims, roles: claims.roles || [] };
	} catch (e) {
		return null;
	}
}

function has(u, ...roles) {
	return !!u && roles.some((r) => u.roles.includes(r));
}

function logout() {
	stopLive();
	clockReadAt = 0;
	sessionStorage.removeItem(TOKEN_KEY);
	location.hash = '#/login';
}

// ---------------------------------------------------------------- API

class ApiError extends Error {
	constructor(status, problem) {
		super((problem && (problem.detail || problem.title)) || ('请求失败（HTTP ' + status + '）'));
		this.status = status;
		this.problem = problem;
	}
}

async function api(path, options = {}) {
	const headers = { Accept: 'application/json', ...(options.headers || {}) };
	const jwt = token();
	if (jwt) {
		headers.Authorization = 'Bearer ' + jwt;
	}
	const response = await fetch(path, { ...options, headers });
	if (response.status === 401 && !path.startsWith('/api/auth/')) {
		sessionStorage.removeItem(TOKEN_KEY);
		location.hash = '#/login';
		throw new ApiError(401, { detail: '登录已过期，请重新登录。' });
	}
	const text = await response.text();
	let body = null;
	if (text) {
		try {
			body = JSON.parse(text);
		} catch (e) {
			body = { detail: text };
		}
	}
	if (!response.ok) {
		throw new ApiError(response.status, body);
	}
	return body;
}

function postJson(path, body) {
	return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

// ---------------------------------------------------------------- helpers

function esc(value) {
	return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function badge(status) {
	const s = STATUS[status] ? status : 'NOT_STARTED';
	return `<span class="badge s-${s}" data-status="${s}">${STATUS[s]}</span>`;
}

/** An item's or target's badge: 未报送 when nothing is reported for a period whose cut-off has passed. */
function statusOf(thing) {
	return thing && thing.unreported && (!thing.status || thing.status === 'NOT_STARTED') ? 'UNREPORTED' : (thing && thing.status) || 'NOT_STARTED';
}

function sectionName(number, title) {
	const numeral = number <= 10 ? NUMERALS[number] : String(number);
	return /^[一二三四五六七八九十]+、/.test(title || '') ? title : `${numeral}、${title || ''}`;
}

function itemLink(itemId, text) {
	return `<a href="#/items/${encodeURIComponent(itemId)}">${esc(text)}</a>`;
}

function stars(item) {
	return item.starred ? `<span title="实事项目">${'★'.repeat(Math.max(1, item.starCount || 1))}</span> ` : '';
}

function num(value) {
	return value === null || value === undefined ? '—' : Number(value).toLocaleString('zh-CN');
}

function date(value) {
	return value ? String(value).slice(0, 10) : '—';
}

function dateTime(value) {
	return value ? new Date(value).toLocaleString('zh-CN', { hour12: false }) : '—';
}

/** The business date (the clock every service judges by: in a simulated year not the wall clock), as yyyy-MM-dd. */
let businessDate = null;

function today() {
	if (businessDate) {
		return businessDate;
	}
	const d = new Date();
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Reads the business date (once a minute at most) and shows it in the header. */
let clockReadAt = 0;
async function loadBusinessDate() {
	if (!token() || Date.now() - clockReadAt < 60000) {
		return;
	}
	clockReadAt = Date.now();
	try {
		const clock = await api('/api/clock');
		businessDate = clock.today;
		const simulated = clock.mode === 'SIMULATED';
		document.getElementById('business-date').innerHTML = `业务日期 <b>${esc(clock.today)}</b>${simulated ? '<span class="muted">（模拟）</span>' : ''}`;
		loadCalendarWarning();
	} catch (e) {
		clockReadAt = 0;
	}
}

/** Supervisors and admins: notification-service's warning that a year's 节假日安排 is not loaded, as a banner under the header. */
async function loadCalendarWarning() {
	let banner = document.getElementById('calendar-warning');
	if (!has(user(), 'SUPERVISOR', 'ADMIN')) {
		if (banner) {
			banner.hidden = true;
		}
		return;
	}
	try {
		const calendars = await api('/api/calendars');
		if (!banner) {
			document.querySelector('header.top').insertAdjacentHTML('afterend', '<p id="calendar-warning" class="banner-warning" role="status" hidden></p>');
			banner = document.getElementById('calendar-warning');
		}
		banner.textContent = calendars.warning || '';
		banner.hidden = !calendars.warning;
	} catch (e) {
		// notification-service unavailable: the banner stays as it was until the next read
	}
}

/** Days from the business date to {@code day} (negative: past). */
function daysUntil(day) {
	return Math.round((new Date(day + 'T00:00:00') - new Date(today() + 'T00:00:00')) / 86400000);
}

function newId(prefix) {
	const random = (crypto.randomUUID && crypto.randomUUID()) || (Date.now().toString(36) + Math.random().toString(36).slice(2));
	return prefix + random;
}

function chart(element, option) {
	if (!window.echarts || !element) {
		return null;
	}
	const instance = window.echarts.init(element);
	// no animation for those who asked for less motion, nor under automation (screenshots show the whole chart)
	const still = navigator.webdriver || window.matchMedia('(prefers-reduced-motion: reduce)').matches;
	instance.setOption({ animation: !still, ...option });
	charts.push(instance);
	return instance;
}

function disposeCharts() {
	charts.forEach((c) => c.dispose());
	charts = [];
}

window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

/** One problem's field in the user's words: rows[3].value → 第 3 行·数值. */
function fieldLabel(field) {
	const text = String(field || '');
	const row = /^rows\[(\d+)\]\.?(.*)$/.exec(text);
	if (row) {
		return `第 ${row[1]} 行${row[2] ? '·' + fieldLabel(row[2]) : ''}`;
	}
	return FIELD_LABELS[text] || text;
}

/** A problem once: its field problems in words when it has them, else its detail. */
function problemText(error) {
	const p = error.problem || {};
	const errors = p.errors || [];
	if (!errors.length) {
		return error.message;
	}
	return errors.map((e) => (e.field && e.field !== 'body' ? `${fieldLabel(e.field)}：${e.reason}` : e.reason)).join('；');
}

function showError(error) {
	view.innerHTML = `<div class="card error" role="alert">${esc(problemText(error))}</div>`;
}

function stamp() {
	document.getElementById('updated').textContent = '数据读取于 ' + new Date().toLocaleTimeString('zh-CN', { hour12: false })
		+ (liveStream ? '，提醒实时推送' : '，每分钟自动刷新');
}

// ---------------------------------------------------------------- chrome

function renderChrome(route) {
	const u = user();
	const nav = document.getElementById('nav');
	const who = document.getElementById('who');
	const out = document.getElementById('logout');
	if (!u) {
		nav.innerHTML = '';
		who.textContent = '';
		document.getElementById('business-date').textContent = '';
		loadCalendarWarning();
		out.hidden = true;
		return;
	}
	const links = [['overview', '总览'], ['list', '事项'], ['starred', '★ 实事项目'], ['projects', '重点工程']];
	links.push(['inbox', has(u, 'SUPERVISOR', 'ADMIN') ? '全部提醒' : '我的提醒']);
	if (has(u, 'DEPARTMENT', 'ADMIN')) {
		links.push(['report', '填报']);
	}
	if (has(u, 'SUPERVISOR', 'ADMIN', 'LEADER')) {
		links.push(['evaluation', '考核']);
	}
	if (has(u, 'SUPERVISOR', 'ADMIN')) {
		links.push(['plans', '计划管理']);
	}
	const active = route === 'review' ? 'plans' : route;
	nav.innerHTML = links.map(([id, text]) => `<a href="#/${id}" data-nav="${id}" class="${active === id ? 'active' : ''}">${text}</a>`).join('');
	const where = u.department || u.position || '';
	who.textContent = `${u.name || u.sub}（${u.roles.map((r) => ROLE_LABEL[r] || r).join('、')}${where ? '，' + where : ''}）`;
	out.hidden = false;
}

document.getElementById('logout').addEventListener('click', logout);

// ---------------------------------------------------------------- views

async function loginView() {
	view.innerHTML = `
		<div class="card login">
			<h2>登录</h2>
			<form id="login-form" class="stack">
				<label>用户名<input id="username" name="username" autocomplete="username" required></label>
				<label>密码<input id="password" name="password" type="password" autocomplete="current-password" required></label>
				<button id="login-button" type="submit">登录</button>
				<p id="login-error" class="error" role="alert"></p>
			</form>
		</div>`;
	document.getElementById('login-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		const error = document.getElementById('login-error');
		error.textContent = '';
		try {
			const answer = await postJson('/api/auth/token', {
				username: document.getElementById('username').value.trim(),
				password: document.getElementById('password').value,
			});
			sessionStorage.setItem(TOKEN_KEY, answer.accessToken);
			location.hash = '#/overview';
		} catch (e) {
			error.textContent = problemText(e);
		}
	});
}

async function overviewView() {
	const [summary, starredPage, changes, rules] = await Promise.all([
		api(`/api/dashboard/summary?year=${YEAR}`),
		api(`/api/goals?year=${YEAR}&starred=true&page=0&size=1`).catch(() => null),
		api(`/api/goals/changes?year=${YEAR}&limit=30`).catch(() => null),
		api(`/api/goals/rules?year=${YEAR}`).catch(() => null)]);
	const totals = summary.totals || {};
	const sections = summary.sections || [];
	const starredCounts = (starredPage && starredPage.counts) || {};
	const starredTotal = starredPage && starredPage.page ? starredPage.page.totalElements : null;
	const worseOnly = sessionStorage.getItem('keywork.changes.worse') !== 'all';
	const shown = (changes || []).filter((c) => !worseOnly || worsened(c)).slice(0, 12);
	view.innerHTML = `
		<h2>总览 · ${summary.planYear || YEAR} 年重点工作</h2>
		<div class="totals" id="totals">
			${STATUS_ORDER.map((s) => `<a class="total s-${s}" data-status="${s}" href="#/list?status=${s}"><span>${STATUS[s]}</span><b>${totals[s] || 0}</b></a>`).join('')}
		</div>
		${legend(rules)}
		<div class="two">
			<div class="card"><h3>各板块进度</h3><div id="sections-chart" class="chart"></div></div>
			<div class="card"><h3>最新变化 <label class="inline small"><input type="checkbox" id="worse-only" ${worseOnly ? 'checked' : ''}> 只看变差</label></h3>
				${changes === null ? '<p class="muted">状态变化记录暂不可用。</p>' : `<ul class="items" id="changes">${shown.length ? shown.map((c) => `
					<li class="${worsened(c) ? 'worse' : ''}" data-change="${esc(c.itemId)}">${badge(c.from || 'NOT_STARTED')}<span aria-label="变为">→</span>${badge(c.to)}
						<span class="grow" title="${esc(c.title || '')}">${itemLink(c.itemId, c.itemId + ' ' + short(c.title, 28))}<br><span class="muted">${esc([c.targetName || c.targetId, c.department, c.leader].filter(Boolean).join(' · '))}</span></span>
						<span class="muted">${date(c.asOf || c.at)}</span></li>`).join('') : `<li class="muted">${worseOnly ? '近期没有变差的事项' : '暂无状态变化'}</li>`}</ul>`}
			</div>
		</div>
		<div class="card" id="starred-summary"><h3><a href="#/starred">★ 实事项目</a>${starredTotal !== null ? `（${starredTotal} 项）` : ''}</h3>
			<div class="counts">${STATUS_ORDER.map((st) => `<a class="badge s-${st}" data-status="${st}" href="#/list?starred=true&status=${st}">${STATUS[st]} ${starredCounts[st] || 0}</a>`).join('')}</div>
		</div>
		<div class="grid" id="sections">
			${sections.map((s) => `
				<section class="card section" data-section="${s.section}">
					<h3><a href="#/list?section=${s.section}">${esc(sectionName(s.section, s.title))}</a></h3>
					<div class="counts">${STATUS_ORDER.map((st) => `<a class="badge s-${st}" data-status="${st}" href="#/list?section=${s.section}&status=${st}">${STATUS[st]} ${(s.counts || {})[st] || 0}</a>`).join('')}</div>
				</section>`).join('')}
		</div>`;
	document.getElementById('worse-only').addEventListener('change', (e) => {
		sessionStorage.setItem('keywork.changes.worse', e.target.checked ? 'worse' : 'all');
		render(true);
	});
	const sectionChart = chart(document.getElementById('sections-chart'), {
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
		legend: { bottom: 0 },
		grid: { left: 8, right: 16, bottom: 40, top: 16, containLabel: true },
		xAxis: { type: 'value', minInterval: 1 },
		yAxis: { type: 'category', inverse: true, data: sections.map((s) => sectionName(s.section, s.title).slice(0, 12)) },
		series: STATUS_ORDER.map((st) => ({
			name: STATUS[st], type: 'bar', stack: 'all', itemStyle: { color: STATUS_COLOR[st] },
			data: sections.map((s) => (s.counts || {})[st] || 0),
		})),
	});
	if (sectionChart) {
		sectionChart.on('click', (p) => {
			const st = STATUS_ORDER.find((x) => STATUS[x] === p.seriesName);
			location.hash = `#/list?section=${sections[p.dataIndex].section}${st ? '&status=' + st : ''}`;
		});
	}
}

/** A long item text cut for a list line (the whole text stays in the title and on the item's page). */
function short(text, max) {
	const t = String(text || '').replace(/^★/, '');
	return t.length > max ? t.slice(0, max) + '…' : t;
}

const RANK = { DONE: 0, GREEN: 1, NOT_STARTED: 2, UNREPORTED: 2, YELLOW: 3, RED: 4 };

/** A change for the worse: to yellow or red from anything better. */
function worsened(c) {
	return (RANK[c.to] || 0) > (RANK[c.from] || 0) && (c.to === 'YELLOW' || c.to === 'RED');
}

/** 红黄绿 explained: the thresholds goal-service judges by (its own sentences), else the plain meaning of each colour. */
function legend(rules) {
	const list = rules && (rules.rules || rules);
	const lines = Array.isArray(list) && list.length
		? list.map((r) => `<li>${badge(r.status)} ${esc(r.text || r.description || '')}</li>`)
		: [`<li>${badge('GREEN')} 实际进度达到计划进度曲线应达值</li>`, `<li>${badge('YELLOW')} 实际进度略低于计划应达值</li>`,
			`<li>${badge('RED')} 实际进度明显低于计划应达值，或节点逾期</li>`, `<li>${badge('DONE')} 已达到全年目标</li>`,
			`<li>${badge('UNREPORTED')} 过了每月填报截止日仍未报送</li>`];
	return `<details class="card legend" id="legend"><summary>红黄绿怎么判断</summary><ul class="plain">${lines.join('')}</ul></details>`;
}

// ---------------------------------------------------------------- lists: filters in the hash, pages from the server

/** The ?key=value filters after the route. */
function hashParams() {
	return new URLSearchParams((location.hash.split('?')[1]) || '');
}

function go(route, params) {
	const query = params.toString();
	location.hash = '#/' + route + (query ? '?' + query : '');
}

/**
 * One page of a list: the service's page ({content, page:{number,size,totalElements,totalPages}, counts}); a service
 * that answers a plain array is paged here.
 */
async function fetchPage(path, params, number, size) {
	const query = new URLSearchParams(params);
	query.set('page', number);
	query.set('size', size);
	const answer = await api(`${path}?${query}`);
	if (Array.isArray(answer)) {
		return { content: answer.slice(number * size, (number + 1) * size), page: { number, size, totalElements: answer.length,
			totalPages: Math.max(1, Math.ceil(answer.length / size)) }, counts: countBy(answer, (x) => x.status) };
	}
	return answer;
}

/** Every row of a filtered list, page by page (for export and grouping). */
async function fetchAll(path, params, size = 500) {
	const first = await fetchPage(path, params, 0, size);
	const rows = [...first.content];
	for (let n = 1; n < (first.page.totalPages || 1); n++) {
		rows.push(...(await fetchPage(path, params, n, size)).content);
	}
	return rows;
}

function countBy(rows, key) {
	const counts = {};
	rows.forEach((r) => (counts[key(r)] = (counts[key(r)] || 0) + 1));
	return counts;
}

function pager(page, route, params) {
	const number = page.number || 0;
	const pages = Math.max(1, page.totalPages || 1);
	const to = (n) => {
		const p = new URLSearchParams(params);
		p.set('page', n);
		return `#/${route}?${p}`;
	};
	return `<nav class="pager" aria-label="分页">共 <b data-total>${page.totalElements ?? 0}</b> 条 ·
		${number > 0 ? `<a href="${to(number - 1)}" data-page="prev">上一页</a>` : '<span class="muted">上一页</span>'}
		第 ${number + 1} / ${pages} 页
		${number + 1 < pages ? `<a href="${to(number + 1)}" data-page="next">下一页</a>` : '<span class="muted">下一页</span>'}</nav>`;
}

function options(values, selected, all) {
	return `<option value="">${all}</option>` + values.map(([value, text]) => `<option value="${esc(value)}" ${String(selected) === String(value) ? 'selected' : ''}>${esc(text)}</option>`).join('');
}

/** The filter form of a list: its fields write the hash (page back to the first), the view follows. */
function bindFilters(route, form) {
	const apply = () => {
		const params = new URLSearchParams();
		form.querySelectorAll('[data-filter]').forEach((f) => {
			const value = f.type === 'checkbox' ? (f.checked ? 'true' : '') : f.value.trim();
			if (value) {
				params.set(f.dataset.filter, value);
			}
		});
		go(route, params);
	};
	form.addEventListener('change', (e) => {
		if (e.target.dataset.filter !== 'q') {
			apply();
		}
	});
	form.addEventListener('submit', (e) => {
		e.preventDefault();
		apply();
	});
}

function responsibilityOf(g) {
	const r = g.responsibility || {};
	return { department: r.leadDepartment || '', leader: r.leaderName || r.leaderPosition || '' };
}

function targetText(g) {
	const indicators = g.indicators || [];
	if (indicators.length) {
		return indicators.map((i) => `${i.name}：${num(i.actual)} / ${num(i.target)}${i.unit || ''}`).join('；');
	}
	return g.progress ? qualitativeText(g.progress) || '定性目标' : '定性目标';
}

const GOAL_FILTERS = ['status', 'section', 'department', 'leader', 'starred', 'unreported', 'q'];

async function listView() {
	const params = hashParams();
	const by = params.get('by') || 'items';
	const number = Math.max(0, Number(params.get('page')) || 0);
	const size = 50;
	const query = new URLSearchParams({ year: YEAR });
	GOAL_FILTERS.forEach((k) => params.get(k) && query.set(k, params.get(k)));
	if (query.get('status') === 'UNREPORTED') {
		query.delete('status');
		query.set('unreported', 'true');
	}
	const [summary, facets, page] = await Promise.all([
		api(`/api/dashboard/summary?year=${YEAR}`).catch(() => ({ sections: [] })),
		api(`/api/goals/facets?year=${YEAR}`).catch(() => ({ departments: [], leaders: [] })),
		by === 'items' ? fetchPage('/api/goals', query, number, size) : null]);
	const filterCount = GOAL_FILTERS.filter((k) => params.get(k)).length;
	view.innerHTML = `
		<h2>事项 <span class="muted small">${filterCount ? '（已筛选）' : '（全部）'}</span></h2>
		<form class="card filters no-print" id="filters">
			<div class="row">
				<label>状态<select data-filter="status">${options([...STATUS_ORDER, 'UNREPORTED'].map((s) => [s, STATUS[s]]), params.get('status'), '全部')}</select></label>
				<label>板块<select data-filter="section">${options((summary.sections || []).map((s) => [s.section, sectionName(s.section, s.title).slice(0, 14)]), params.get('section'), '全部')}</select></label>
				<label>责任单位<select data-filter="department">${options((facets.departments || []).map((d) => [d, d]), params.get('department'), '全部')}</select></label>
				<label>分管领导<select data-filter="leader">${options((facets.leaders || []).map((d) => [d, d]), params.get('leader'), '全部')}</select></label>
				<label class="inline"><input type="checkbox" data-filter="starred" ${params.get('starred') ? 'checked' : ''}> 只看 ★ 实事项目</label>
			</div>
			<div class="row">
				<label class="grow">搜索<input type="search" data-filter="q" id="search" value="${esc(params.get('q') || '')}" placeholder="编号（如 5.8）或事项文字"></label>
				<button type="submit">查询</button>
				<label>查看<select data-filter="by" id="group-by">${options([['department', '按责任单位汇总'], ['leader', '按分管领导汇总']], by === 'items' ? '' : by, '逐项列表')}</select></label>
				<button type="button" id="export" class="secondary">导出 Excel</button>
				<button type="button" id="print" class="secondary">打印</button>
				${filterCount ? `<a href="#/list${by !== 'items' ? '?by=' + by : ''}">清除筛选</a>` : ''}
			</div>
		</form>
		<div id="list-body">${by === 'items' ? goalTable(page, params) : '<p class="muted">正在汇总…</p>'}</div>`;
	bindFilters('list', document.getElementById('filters'));
	document.getElementById('print').addEventListener('click', () => window.print());
	document.getElementById('export').addEventListener('click', () => exportGoals(query, params, by));
	if (by !== 'items') {
		const rows = await fetchAll('/api/goals', query);
		document.getElementById('list-body').innerHTML = groupTable(rows, by, params);
	}
}

function goalTable(page, params) {
	const counts = page.counts || {};
	return `<div class="counts" id="list-counts">${[...STATUS_ORDER, 'UNREPORTED'].filter((s) => counts[s] !== undefined).map((s) => `<span class="badge s-${s}" data-status="${s}">${STATUS[s]} ${counts[s]}</span>`).join('')}</div>
		<div class="card table-wrap"><table id="goal-list" class="list"><thead><tr><th>编号</th><th>事项</th><th>状态</th><th>目标与进展</th><th>牵头单位</th><th>分管领导</th></tr></thead>
		<tbody>${page.content.length ? page.content.map((g) => {
			const r = responsibilityOf(g);
			return `<tr data-item="${esc(g.itemId)}"><td class="nowrap">${esc(g.itemId)}</td><td>${stars(g)}${itemLink(g.itemId, g.title)}</td><td>${badge(statusOf(g))}</td>
				<td>${esc(targetText(g))}</td><td>${esc(r.department)}</td><td>${esc(r.leader)}</td></tr>`;
		}).join('') : '<tr><td colspan="6" class="muted">没有符合条件的事项</td></tr>'}</tbody></table></div>
		${pager(page.page || {}, 'list', params)}`;
}

/** Items counted by responsible department or leader: each count opens the list filtered so. */
function groupTable(rows, by, params) {
	const key = (g) => responsibilityOf(g)[by] || '（未分工）';
	const groups = {};
	rows.forEach((g) => {
		const k = key(g);
		groups[k] = groups[k] || { total: 0 };
		const s = statusOf(g);
		groups[k][s] = (groups[k][s] || 0) + 1;
		groups[k].total++;
	});
	const columns = [...STATUS_ORDER, 'UNREPORTED'];
	const names = Object.keys(groups).sort((a, b) => (groups[b].RED || 0) - (groups[a].RED || 0) || groups[b].total - groups[a].total || a.localeCompare(b, 'zh-CN'));
	const link = (name, status) => {
		const p = new URLSearchParams(params);
		p.delete('by');
		p.delete('page');
		if (name !== '（未分工）') {
			p.set(by, name);
		}
		if (status) {
			p.set('status', status);
		}
		return `#/list?${p}`;
	};
	return `<div class="card table-wrap"><table id="group-list" class="list"><thead><tr><th>${by === 'department' ? '责任单位' : '分管领导'}</th><th>事项</th>${columns.map((s) => `<th>${STATUS[s]}</th>`).join('')}</tr></thead>
		<tbody>${names.map((n) => `<tr data-group="${esc(n)}"><td><a href="${link(n)}">${esc(n)}</a></td><td>${groups[n].total}</td>${columns.map((s) => `<td>${groups[n][s] ? `<a href="${link(n, s)}" class="s-text-${s}">${groups[n][s]}</a>` : '<span class="muted">0</span>'}</td>`).join('')}</tr>`).join('')
		|| `<tr><td colspan="${columns.length + 2}" class="muted">没有事项</td></tr>`}</tbody></table></div>`;
}

function filterTitle(params) {
	const parts = [];
	GOAL_FILTERS.forEach((k) => {
		const v = params.get(k);
		if (v) {
			parts.push(k === 'status' ? STATUS[v] || v : k === 'starred' ? '实事项目' : k === 'section' ? `第${v}板块` : v);
		}
	});
	return parts.join('_');
}

async function exportGoals(query, params, by) {
	const button = document.getElementById('export');
	button.disabled = true;
	button.textContent = '正在导出…';
	try {
		const rows = await fetchAll('/api/goals', query);
		const items = [['编号', '事项', '★', '状态', '目标与进展', '牵头单位', '配合单位', '分管领导'],
			...rows.map((g) => {
				const r = g.responsibility || {};
				return [g.itemId, g.title, g.starred ? '★' : '', STATUS[statusOf(g)], targetText(g), r.leadDepartment || '',
					(r.cooperatingDepartments || []).join('、'), r.leaderName || r.leaderPosition || ''];
			})];
		const sheets = [{ name: '事项', rows: items }];
		['department', 'leader'].forEach((k) => {
			const groups = {};
			rows.forEach((g) => {
				const name = responsibilityOf(g)[k] || '（未分工）';
				groups[name] = groups[name] || {};
				groups[name][statusOf(g)] = (groups[name][statusOf(g)] || 0) + 1;
			});
			const columns = [...STATUS_ORDER, 'UNREPORTED'];
			sheets.push({ name: k === 'department' ? '按责任单位' : '按分管领导', rows: [[k === 'department' ? '责任单位' : '分管领导', '合计', ...columns.map((s) => STATUS[s])],
				...Object.entries(groups).map(([name, c]) => [name, columns.reduce((n, s) => n + (c[s] || 0), 0), ...columns.map((s) => c[s] || 0)])] });
		});
		if (by === 'leader') {
			sheets.unshift(sheets.pop());
		} else if (by === 'department') {
			sheets.unshift(sheets.splice(1, 1)[0]);
		}
		const title = filterTitle(params);
		saveWorkbook(`${YEAR}年重点工作事项${title ? '_' + title : ''}_${today()}.xlsx`, sheets);
	} catch (e) {
		button.insertAdjacentHTML('afterend', `<span class="error" role="alert">${esc(problemText(e))}</span>`);
	} finally {
		button.disabled = false;
		button.textContent = '导出 Excel';
	}
}

function qualitativeText(progress) {
	const state = QUALITATIVE_STATES[progress.state] || progress.state || '';
	const note = progress.note && progress.note !== state ? progress.note : '';
	return [state, note].filter(Boolean).join('：');
}

async function starredView() {
	const goals = await api(`/api/goals?year=${YEAR}&starred=true`);
	view.innerHTML = `
		<h2>★ 实事项目（${goals.length} 项）</h2>
		<div class="grid" id="starred">
			${goals.map((g) => `
				<section class="card" data-item="${esc(g.itemId)}">
					<h3>${badge(g.status)} ${stars(g)}${itemLink(g.itemId, g.itemId + ' ' + g.title)}</h3>
					<p class="muted">${esc(g.responsibility ? g.responsibility.leadDepartment : '')}</p>
					${(g.indicators || []).map((i) => indicatorBar(i)).join('') || '<p class="muted">定性目标</p>'}
				</section>`).join('') || '<p class="muted">暂无实事项目</p>'}
		</div>`;
}

function indicatorBar(i) {
	const share = i.actual !== null && i.actual !== undefined && Number(i.target) > 0
		? Math.min(100, Math.round((Number(i.actual) / Number(i.target)) * 100)) : 0;
	return `<div class="indicator">
		<div>${badge(i.status)} ${esc(i.name)}：${num(i.actual)} / ${num(i.target)} ${esc(i.unit || '')}</div>
		<div class="bar" title="${share}%"><span style="width:${share}%;background:${STATUS_COLOR[i.status] || STATUS_COLOR.NOT_STARTED}"></span></div>
	</div>`;
}

const MILESTONE_KIND = { START: '开工', COMPLETION: '竣工', OTHER: '节点' };
const MILESTONE_SYMBOL = { START: 'triangle', COMPLETION: 'diamond', OTHER: 'circle' };
const MILESTONE_FILTERS = ['status', 'type', 'department', 'leader', 'q', 'scheduled', 'overdue', 'dueWithinDays'];

/** The milestone rows of project-service's list; from the projects themselves where the list is not there. */
async function milestonePage(params, number, size) {
	try {
		return await fetchPage('/api/projects/milestones', params, number, size);
	} catch (e) {
		if (e.status !== 404) {
			throw e;
		}
		const projects = await api(`/api/projects?year=${YEAR}`);
		const rows = projects.flatMap((p) => (p.milestones || []).map((m) => milestoneRow(p, m)))
			.filter((m) => MILESTONE_FILTERS.every((k) => !params.get(k) || matches(m, k, params.get(k))));
		return { content: rows.slice(number * size, (number + 1) * size), page: { number, size, totalElements: rows.length,
			totalPages: Math.max(1, Math.ceil(rows.length / size)) }, counts: countBy(rows, (m) => m.status) };
	}
}

function milestoneRow(p, m) {
	const r = p.responsibility || {};
	const due = m.plannedDate && m.scheduled !== false ? daysUntil(m.plannedDate) : null;
	return { itemId: p.itemId, title: p.title, starred: p.starred, starCount: p.starCount, milestoneId: m.id, name: m.name,
		type: m.type, plannedDate: m.scheduled === false ? null : m.plannedDate, scheduled: m.scheduled !== false,
		forecastDate: m.forecastDate, reachedDate: m.reachedOn || m.reachedDate, status: m.status,
		dueInDays: m.dueInDays ?? due, overdue: m.overdue ?? (due !== null && due < 0 && m.status !== 'DONE'),
		department: r.leadDepartment, leader: r.leaderName || r.leaderPosition };
}

function matches(m, key, value) {
	switch (key) {
	case 'q': return `${m.itemId} ${m.title} ${m.name}`.includes(value);
	case 'scheduled': return String(m.scheduled) === value;
	case 'overdue': return String(!!m.overdue) === value;
	case 'dueWithinDays': return m.dueInDays !== null && m.dueInDays >= 0 && m.dueInDays <= Number(value) && m.status !== 'DONE';
	default: return String(m[key] || '') === value;
	}
}

async function projectsView() {
	const params = hashParams();
	const number = Math.max(0, Number(params.get('page')) || 0);
	const query = new URLSearchParams({ year: YEAR });
	MILESTONE_FILTERS.forEach((k) => params.get(k) && query.set(k, params.get(k)));
	const [page, soon, overdue, scheduled, unscheduled] = await Promise.all([
		milestonePage(query, number, 50),
		milestonePage(new URLSearchParams({ year: YEAR, dueWithinDays: 30 }), 0, 50),
		milestonePage(new URLSearchParams({ year: YEAR, overdue: 'true' }), 0, 50),
		milestonePage(new URLSearchParams({ year: YEAR, scheduled: 'true' }), 0, 200),
		milestonePage(new URLSearchParams({ year: YEAR, scheduled: 'false' }), 0, 1)]);
	const u = user();
	const unscheduledCount = unscheduled.page.totalElements || 0;
	const rows = scheduled.content;
	view.innerHTML = `
		<h2>重点工程 · 里程碑</h2>
		<div class="two">
			<div class="card" id="due-soon"><h3>30 天内到期（${soon.page.totalElements} 个，截至 ${today()}）</h3>${milestoneList(soon.content, '30 天内没有到期的节点')}</div>
			<div class="card" id="overdue"><h3 class="${overdue.page.totalElements ? 'error' : ''}">已逾期未完成（${overdue.page.totalElements} 个）</h3>${milestoneList(overdue.content, '没有逾期的节点')}</div>
		</div>
		<div class="card"><h3>里程碑时间轴（▲ 开工，◆ 竣工；空心为计划日期，实心为预计或实际日期，红线为延误）</h3>
			${rows.length ? '<div id="timeline" class="chart tall"></div>' : '<p class="muted" id="timeline-empty">还没有排期的节点。</p>'}
			${unscheduledCount ? `<p class="muted" id="unscheduled">另有 <a href="#/projects?scheduled=false">${unscheduledCount} 个未排期的节点</a>：计划文件只写了“年内开工/竣工”，不在时间轴上；10 月起未完成的标为预警。${has(u, 'SUPERVISOR', 'ADMIN') ? `<a href="#/plans/${YEAR}">在任务分解表中填写计划日期</a>` : ''}</p>` : ''}
		</div>
		<form class="card filters no-print" id="filters">
			<div class="row">
				<label>状态<select data-filter="status">${options(['GREEN', 'YELLOW', 'RED', 'DONE', 'NOT_STARTED', 'UNSCHEDULED'].map((s) => [s, STATUS[s]]), params.get('status'), '全部')}</select></label>
				<label>类型<select data-filter="type">${options(Object.entries(MILESTONE_KIND), params.get('type'), '全部')}</select></label>
				<label>排期<select data-filter="scheduled">${options([['true', '已排期'], ['false', '未排期']], params.get('scheduled'), '全部')}</select></label>
				<label>到期<select data-filter="dueWithinDays">${options([['30', '30 天内'], ['90', '90 天内']], params.get('dueWithinDays'), '不限')}</select></label>
				<label class="inline"><input type="checkbox" data-filter="overdue" ${params.get('overdue') ? 'checked' : ''}> 只看逾期</label>
			</div>
			<div class="row">
				<label class="grow">搜索<input type="search" data-filter="q" value="${esc(params.get('q') || '')}" placeholder="编号或工程名称"></label>
				<button type="submit">查询</button>
				<button type="button" id="export" class="secondary">导出 Excel</button>
				<button type="button" id="print" class="secondary">打印</button>
			</div>
		</form>
		<div class="card table-wrap">
			<table id="milestones" class="list">
				<thead><tr><th>工程</th><th>节点</th><th>类型</th><th>计划日期</th><th>预计 / 实际</th><th>偏差</th><th>距到期</th><th>状态</th><th>牵头单位</th></tr></thead>
				<tbody>${page.content.length ? page.content.map((m) => `
					<tr data-milestone="${esc(m.milestoneId)}" class="${m.overdue ? 'overdue' : ''}"><td>${stars(m)}${itemLink(m.itemId, m.itemId + ' ' + m.title)}</td><td>${esc(m.name || '')}</td>
					<td><span class="kind k-${esc(m.type)}">${esc(MILESTONE_KIND[m.type] || '节点')}</span></td>
					<td>${m.scheduled ? date(m.plannedDate) : '<span class="muted">未排期</span>'}</td><td>${m.reachedDate ? '完成于 ' + date(m.reachedDate) : date(m.forecastDate)}</td>
					<td>${slipText(m)}</td><td>${dueText(m)}</td><td>${badge(m.status)}</td><td>${esc(m.department || '')}</td></tr>`).join('') : '<tr><td colspan="9" class="muted">没有符合条件的节点</td></tr>'}
				</tbody>
			</table>
			${pager(page.page, 'projects', params)}
		</div>`;
	bindFilters('projects', document.getElementById('filters'));
	document.getElementById('print').addEventListener('click', () => window.print());
	document.getElementById('export').addEventListener('click', async () => {
		const all = await fetchAll('/api/projects/milestones', query).catch(() => page.content);
		saveWorkbook(`${YEAR}年重点工程节点_${today()}.xlsx`, [{ name: '里程碑', rows: [['工程编号', '工程', '节点', '类型', '计划日期', '预计日期', '实际完成', '距到期（天）', '状态', '牵头单位', '分管领导'],
			...all.map((m) => [m.itemId, m.title, m.name || '', MILESTONE_KIND[m.type] || '节点', m.scheduled ? date(m.plannedDate) : '未排期',
				m.forecastDate || '', m.reachedDate || '', m.dueInDays ?? '', STATUS[m.status] || m.status, m.department || '', m.leader || ''])] }]);
	});
	if (rows.length) {
		timelineChart(document.getElementById('timeline'), rows);
	}
}

function dueText(m) {
	if (m.status === 'DONE' || m.reachedDate) {
		return '<span class="ok">已完成</span>';
	}
	if (m.dueInDays === null || m.dueInDays === undefined) {
		return '<span class="muted">—</span>';
	}
	return m.dueInDays < 0 ? `<span class="error">逾期 ${-m.dueInDays} 天</span>` : m.dueInDays === 0 ? '<span class="error">今天到期</span>' : `${m.dueInDays} 天`;
}

function milestoneList(rows, empty) {
	return rows.length ? `<ul class="items">${rows.slice(0, 12).map((m) => `<li>${badge(m.status)}<span class="kind k-${esc(m.type)}">${esc(MILESTONE_KIND[m.type] || '节点')}</span>
		<span class="grow">${itemLink(m.itemId, m.itemId + ' ' + m.title)}<br><span class="muted">${esc(m.name || '')} · 计划 ${date(m.plannedDate)}</span></span>${dueText(m)}</li>`).join('')}</ul>
		${rows.length > 12 ? `<p class="muted">还有 ${rows.length - 12} 个，见下方列表。</p>` : ''}` : `<p class="ok">${empty}</p>`;
}

/** Planned (hollow) against forecast or reached (filled) dates, ▲ 开工 and ◆ 竣工, a line to today. */
function timelineChart(element, rows) {
	const labels = rows.map((m) => `${m.itemId} ${MILESTONE_KIND[m.type] || ''} ${m.title}`);
	const day = (d) => (d ? new Date(String(d).slice(0, 10) + 'T00:00:00').getTime() : null);
	const dates = rows.flatMap((m) => [m.plannedDate, m.forecastDate, m.reachedDate]).filter(Boolean).map(day);
	const first = Math.min(day(`${YEAR}-01-01`), ...dates);
	const last = Math.max(day(`${YEAR}-12-31`), ...dates);
	element.style.height = Math.max(320, rows.length * 30 + 90) + 'px';
	const color = (m) => (m.overdue ? STATUS_COLOR.RED : STATUS_COLOR[m.status] || STATUS_COLOR.NOT_STARTED);
	const point = (m, index, when, filled) => ({ value: [day(when), index], symbol: MILESTONE_SYMBOL[m.type] || 'circle',
		itemStyle: filled ? { color: color(m) } : { color: '#fff', borderColor: '#66727f', borderWidth: 2 } });
	chart(element, {
		tooltip: { trigger: 'item', formatter: (p) => p.value ? `${esc(labels[p.value[1]])}<br>${p.seriesName}：${new Date(p.value[0]).toLocaleDateString('zh-CN')}` : '' },
		legend: { bottom: 0, data: ['计划日期', '预计 / 实际日期'] },
		grid: { left: 8, right: 24, bottom: 40, top: 24, containLabel: true },
		xAxis: { type: 'time', min: first, max: last, axisLabel: { formatter: (v) => { const d = new Date(v); return d.getMonth() === 0 ? `${d.getFullYear()}年1月` : `${d.getMonth() + 1}月`; } },
			splitNumber: 12, minInterval: 28 * 86400000 },
		yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { width: 200, overflow: 'truncate' } },
		series: [
			{ name: '计划日期', type: 'scatter', symbolSize: 12, itemStyle: { color: '#66727f' },
				data: rows.map((m, index) => point(m, index, m.plannedDate, false)).filter((v) => v.value[0]),
				markLine: { symbol: 'none', silent: true, lineStyle: { color: '#2f6fd6', type: 'dashed' }, label: { formatter: '今天 ' + today().slice(5), position: 'end' },
					data: [{ xAxis: day(today()) }] } },
			{ name: '预计 / 实际日期', type: 'scatter', symbolSize: 13, itemStyle: { color: STATUS_COLOR.GREEN },
				data: rows.map((m, index) => point(m, index, m.reachedDate || m.forecastDate || m.plannedDate, true)).filter((v) => v.value[0]) },
			{ name: '延误', type: 'lines', coordinateSystem: 'cartesian2d', lineStyle: { color: '#d64541', width: 2 },
				data: rows.map((m, index) => ({ m, index })).filter(({ m }) => m.forecastDate && m.plannedDate && m.forecastDate > m.plannedDate)
					.map(({ m, index }) => ({ coords: [[day(m.plannedDate), index], [day(m.forecastDate), index]] })) },
		],
	});
}

function slipText(m) {
	if (!m.forecastDate || !m.plannedDate) {
		return '—';
	}
	const days = Math.round((new Date(m.forecastDate) - new Date(m.plannedDate)) / 86400000);
	return days > 0 ? `<span class="error">延后 ${days} 天</span>` : days < 0 ? `<span class="ok">提前 ${-days} 天</span>` : '按期';
}

async function itemView(itemId) {
	let item;
	let project = null;
	try {
		item = await api(`/api/goals/${encodeURIComponent(itemId)}?year=${YEAR}`);
	} catch (e) {
		if (e.status !== 404) {
			throw e;
		}
		project = await api(`/api/projects/${encodeURIComponent(itemId)}?year=${YEAR}`);
		item = project;
	}
	const [reports, alerts] = await Promise.all([
		api(`/api/progress?itemId=${encodeURIComponent(itemId)}&year=${YEAR}`).catch(() => []),
		api(`/api/alerts?itemId=${encodeURIComponent(itemId)}&year=${YEAR}`).catch(() => []),
	]);
	const r = item.responsibility || {};
	const indicators = item.indicators || [];
	view.innerHTML = `
		<h2>${item.status ? badge(statusOf(item)) : ''} ${stars(item)}${esc(item.itemId)} ${esc(item.title)}</h2>
		<div class="card">
			<p class="muted">${esc(sectionName(item.section, item.sectionTitle))}</p>
			<p id="responsibility">分管领导：${esc(r.leaderPosition || '—')}；牵头部门：${esc(r.leadDepartment || '—')}${(r.cooperatingDepartments || []).length ? '；配合部门：' + esc(r.cooperatingDepartments.join('、')) : ''}${item.sampleResponsibility ? ' <span class="badge s-YELLOW" id="sample-badge" title="文件未列明责任人，此为示例分工，待任务分解表确认">示例分工</span>' : ''}</p>
			${(item.responsibilityChanges || []).length ? `<p class="muted" id="responsibility-history">分工调整：${item.responsibilityChanges.map((c) => `${dateTime(c.changedAt)} ${esc(c.changedBy)}${c.reason ? '（' + esc(c.reason) + '）' : ''}`).join('；')}</p>` : ''}
			${item.progress ? `<p>当前进展：${badge(item.progress.status)} ${esc(qualitativeText(item.progress))}（${date(item.progress.asOf)}）</p>` : ''}
		</div>
		<div class="grid" id="indicators">
			${indicators.map((i, index) => `
				<section class="card" data-indicator="${esc(i.id)}">
					<h3>${badge(statusOf(i))} ${esc(i.name)}${mayReportOn(item) ? ` <a class="small no-print" href="#/report?target=${encodeURIComponent(i.id)}">填报</a>` : ''}</h3>
					<p class="muted">目标 ${num(i.target)} ${esc(i.unit || '')}；实际 ${num(i.actual)}（${date(i.asOf)}）${i.expected !== null && i.expected !== undefined ? '；计划应达 ' + num(i.expected) : ''}${i.periodStatus ? '；本期 ' + badge(i.periodStatus) : ''}${i.caughtUp ? '（已追赶）' : ''}</p>
					<div id="indicator-chart-${index}" class="chart"></div>
				</section>`).join('')}
		</div>
		${project ? milestoneTable(project) : ''}
		<div class="card table-wrap"><h3>填报记录</h3>
			<table id="reports"><thead><tr><th>截至日期</th><th>指标</th><th>数值 / 进展</th><th>填报部门</th><th>说明</th><th>受理时间</th><th class="no-print"></th></tr></thead>
			<tbody>${reports.length ? reports.map((rep) => `
				<tr class="${rep.supersededBy ? 'muted' : ''}" data-report="${esc(rep.reportId)}"><td>${date(rep.asOf)}</td><td>${esc(rep.targetId)}</td>
				<td>${rep.value !== null && rep.value !== undefined ? num(rep.value) : rep.reachedOn ? '达成于 ' + date(rep.reachedOn) : esc(QUALITATIVE_STATES[rep.state] || rep.state || '')}${rep.supersededBy ? '（已更正）' : ''}${rep.supersedes ? '（更正）' : ''}${rep.confirmed ? ' <span class="badge s-YELLOW" title="超出常理范围，填报人已确认">已确认异常值</span>' : ''}</td>
				<td>${esc(rep.department)}</td><td>${esc(rep.note || '')}</td><td>${dateTime(rep.acceptedAt)}</td>
				<td class="no-print">${!rep.supersededBy && mayReport(rep.department) ? `<a href="#/report?target=${encodeURIComponent(rep.targetId)}&supersedes=${encodeURIComponent(rep.reportId)}" data-correct="${esc(rep.reportId)}">更正</a>` : ''}</td></tr>`).join('') : '<tr><td colspan="7" class="muted">暂无填报</td></tr>'}
			</tbody></table>
		</div>
		<div class="card"><h3>提醒</h3>${alerts.length ? alerts.map(alertCard).join('') : '<p class="muted">暂无提醒</p>'}</div>`;
	indicators.forEach((i, index) => indicatorChart(document.getElementById(`indicator-chart-${index}`), i, reports));
	bindAcks();
}

/** Whether the signed-in user may file (or correct) a report for this department. */
function mayReportOn(item) {
	const u = user();
	const r = item.responsibility || {};
	return has(u, 'ADMIN') || (has(u, 'DEPARTMENT') && (r.leadDepartment === u.department || (r.cooperatingDepartments || []).includes(u.department)));
}

function mayReport(department) {
	const u = user();
	return has(u, 'ADMIN') || (has(u, 'DEPARTMENT') && u.department === department);
}

function milestoneTable(project) {
	return `<div class="card table-wrap"><h3>里程碑</h3><table id="project-milestones"><thead><tr><th>里程碑</th><th>类型</th><th>计划日期</th><th>预计日期</th><th>偏差</th><th>距到期</th><th>状态</th><th class="no-print"></th></tr></thead><tbody>
		${(project.milestones || []).map((m) => {
			const row = milestoneRow(project, m);
			return `<tr class="${row.overdue ? 'overdue' : ''}"><td>${esc(m.name)}</td><td><span class="kind k-${esc(m.type)}">${esc(MILESTONE_KIND[m.type] || '节点')}</span></td><td>${m.scheduled === false ? '<span class="badge s-NOT_STARTED">未排期</span>' : date(m.plannedDate)}</td><td>${date(m.forecastDate)}</td><td>${slipText(m)}</td><td>${dueText(row)}</td><td>${badge(m.status)}</td>
				<td class="no-print">${mayReportOn(project) && m.status !== 'DONE' ? `<a href="#/report?target=${encodeURIComponent(m.id)}">填报</a>` : ''}</td></tr>`;
		}).join('')}
	</tbody></table></div>`;
}

/**
 * x = months; the indicator's own plan curve (what goal-service expects at each month end: linear, quarterly or a
 * monthly 序时进度 profile) against the reported values. Targets judged by their level alone (rates, ceilings) have
 * no curve: their target is drawn flat.
 */
function indicatorChart(element, indicator, reports) {
	const months = Array.from({ length: 12 }, (_, m) => `${m + 1}月`);
	const target = Number(indicator.target) || 0;
	const curve = Array.isArray(indicator.expectedByMonth) && indicator.expectedByMonth.length === 12;
	const plan = curve ? indicator.expectedByMonth.map(Number) : months.map(() => target);
	const actual = new Array(12).fill(null);
	reports.filter((rep) => rep.targetId === indicator.id && !rep.supersededBy && rep.value !== null && rep.value !== undefined)
		.sort((a, b) => String(a.asOf).localeCompare(String(b.asOf)))
		.forEach((rep) => {
			const month = Number(String(rep.asOf).slice(5, 7)) - 1;
			if (month >= 0 && month < 12) {
				actual[month] = Number(rep.value);
			}
		});
	chart(element, {
		tooltip: { trigger: 'axis' },
		legend: { bottom: 0 },
		grid: { left: 8, right: 16, bottom: 40, top: 16, containLabel: true },
		xAxis: { type: 'category', data: months },
		yAxis: { type: 'value', name: indicator.unit || '' },
		series: [
			{ name: curve ? `计划进度（${curveName(indicator.curve)}）` : '目标值', type: 'line', data: plan, lineStyle: { type: 'dashed' }, itemStyle: { color: '#66727f' }, symbol: 'none' },
			{ name: '实际填报', type: 'line', data: actual, connectNulls: true, itemStyle: { color: STATUS_COLOR[indicator.status] || STATUS_COLOR.GREEN } },
		],
	});
}

/** linear / quarterly:20,45,70,100 / monthly-stepwise:… in words. */
function curveName(spec) {
	const kind = String(spec || 'linear').split(':')[0];
	return { linear: '按时间均匀', quarterly: '按季度节点', 'quarterly-stepwise': '按季度节点', monthly: '按月序时进度',
		'monthly-stepwise': '按月序时进度' }[kind] || kind;
}

function alertCard(a) {
	const u = user();
	const to = [a.recipientPosition, ...(a.recipients || []).map((r) => r.position)].filter(Boolean);
	// the leader acknowledges (with his 批示) what is sent to his position; a department only what is sent to it
	const addressee = has(u, 'ADMIN') || (has(u, 'LEADER') && to.includes(u.position))
		|| (has(u, 'DEPARTMENT') && to.some((p) => p === u.department || p.startsWith(u.department + ' ')));
	const canAck = a.status === 'OPEN' && addressee;
	const ownItem = has(u, 'DEPARTMENT') && (a.leadDepartment === u.department || (a.cooperatingDepartments || []).includes(u.department));
	const canAnswer = a.status !== 'RESOLVED' && (ownItem || has(u, 'ADMIN'));
	const instruction = a.instruction ?? a.note ?? a.ackNote;
	const feedback = a.feedback || [];
	return `<article class="card alert s-${esc(a.severity)} ${a.status !== 'OPEN' ? 'done' : ''}" data-alert="${esc(a.alertId)}">
		<h3>${badge(a.severity)} ${esc(a.title)}</h3>
		<p>${linkify(a.message)}</p>
		<p class="muted">${itemLink(a.itemId, a.itemId + ' ' + (a.itemTitle || ''))} · 发给 ${esc(a.recipientName || a.recipientPosition || '')} · ${dateTime(a.raisedAt)} ·
			<span class="alert-status">${ALERT_STATUS[a.status] || esc(a.status)}</span>${a.acknowledgedBy ? `<span class="ack-by">（${esc(a.acknowledgedByName || a.acknowledgedBy)} ${dateTime(a.acknowledgedAt)} 确认）</span>` : ''}</p>
		${instruction && a.acknowledgedBy ? `<blockquote class="instruction" data-instruction>批示：${esc(instruction)}<footer>— ${esc(a.acknowledgedByName || a.acknowledgedBy)}，${dateTime(a.acknowledgedAt)}</footer></blockquote>` : ''}
		${feedback.length ? `<ul class="feedback" data-feedback>${feedback.map((f) => `<li><b>${esc(f.department || f.byName || f.by)}</b> 反馈：${esc(f.note)}<span class="muted">（${esc(f.byName || f.by)}，${dateTime(f.at)}）</span></li>`).join('')}</ul>` : ''}
		${canAck ? `<form class="stack ack-form no-print" data-ack-form="${esc(a.alertId)}">
			<label>批示（可不填）<textarea name="instruction" rows="2" maxlength="500" placeholder="如：请区民政局本周内拿出追赶方案"></textarea></label>
			<button type="submit" class="ack" data-ack="${esc(a.alertId)}">确认${has(u, 'LEADER') ? '并批示' : '已阅'}</button><p class="error" role="alert" hidden></p></form>` : ''}
		${canAnswer ? `<form class="stack feedback-form no-print" data-feedback-form="${esc(a.alertId)}">
			<label>反馈落实情况<textarea name="note" rows="2" maxlength="500" required placeholder="已采取的措施和进展"></textarea></label>
			<div class="row"><button type="submit" class="secondary">提交反馈</button>${a.targetId ? `<a href="#/report?target=${encodeURIComponent(a.targetId)}">填报最新进度</a>` : ''}</div>
			<p class="error" role="alert" hidden></p></form>` : ''}
	</article>`;
}

/** Alert messages name their item as #/items/{itemId}: make that a link. */
function linkify(text) {
	return esc(text).replace(/#\/items\/([0-9A-Za-z.]+)/g, (link, itemId) => `<a href="#/items/${itemId}">${link}</a>`);
}

function bindAcks() {
	const submitting = async (form, send) => {
		const error = form.querySelector('.error');
		const button = form.querySelector('button[type=submit]');
		error.hidden = true;
		button.disabled = true;
		try {
			await send();
			await refresh();
		} catch (e) {
			button.disabled = false;
			error.hidden = false;
			error.textContent = problemText(e);
		}
	};
	view.querySelectorAll('form[data-ack-form]').forEach((form) => form.addEventListener('submit', (event) => {
		event.preventDefault();
		const text = form.elements.instruction.value.trim();
		submitting(form, () => postJson(`/api/alerts/${encodeURIComponent(form.dataset.ackForm)}/ack`, { note: text || null }));
	}));
	view.querySelectorAll('form[data-feedback-form]').forEach((form) => form.addEventListener('submit', (event) => {
		event.preventDefault();
		submitting(form, () => postJson(`/api/alerts/${encodeURIComponent(form.dataset.feedbackForm)}/feedback`,
			{ note: form.elements.note.value.trim(), feedbackId: newId('fb-') }));
	}));
}

const ALERT_FILTERS = ['status', 'level', 'section', 'leader', 'q'];

async function inboxView() {
	const u = user();
	const params = hashParams();
	const number = Math.max(0, Number(params.get('page')) || 0);
	const query = new URLSearchParams({ year: YEAR });
	ALERT_FILTERS.forEach((k) => params.get(k) && query.set(k, params.get(k)));
	const all = has(u, 'SUPERVISOR', 'ADMIN');
	const [page, summary, facets] = await Promise.all([
		fetchPage('/api/alerts', query, number, 20),
		all ? api(`/api/dashboard/summary?year=${YEAR}`).catch(() => ({ sections: [] })) : { sections: [] },
		all ? api(`/api/goals/facets?year=${YEAR}`).catch(() => ({ leaders: [] })) : { leaders: [] }]);
	const counts = page.counts || {};
	view.innerHTML = `
		<h2>${all ? '全部提醒' : '我的提醒'}（待确认 <span id="open-count">${counts.OPEN ?? 0}</span> 条）</h2>
		<form class="card filters no-print" id="filters"><div class="row">
			<label>状态<select data-filter="status">${options(Object.entries(ALERT_STATUS), params.get('status'), '全部')}</select></label>
			<label>级别<select data-filter="level">${options(Object.entries(SEVERITY), params.get('level'), '全部')}</select></label>
			${all ? `<label>板块<select data-filter="section">${options((summary.sections || []).map((s) => [s.section, sectionName(s.section, s.title).slice(0, 14)]), params.get('section'), '全部')}</select></label>
			<label>分管领导<select data-filter="leader">${options((facets.leaders || []).map((d) => [d, d]), params.get('leader'), '全部')}</select></label>` : ''}
			<label class="grow">搜索<input type="search" data-filter="q" value="${esc(params.get('q') || '')}" placeholder="编号或文字"></label>
			<button type="submit">查询</button>
			<button type="button" id="export" class="secondary">导出 Excel</button>
			<button type="button" id="print" class="secondary">打印</button>
		</div></form>
		<div class="counts">${Object.entries(ALERT_STATUS).map(([k, v]) => `<span class="badge">${v} ${counts[k] ?? 0}</span>`).join('')}</div>
		<div id="inbox">${page.content.length ? page.content.map(alertCard).join('') : '<p class="muted">暂无提醒</p>'}</div>
		${pager(page.page, 'inbox', params)}`;
	bindFilters('inbox', document.getElementById('filters'));
	bindAcks();
	document.getElementById('print').addEventListener('click', () => window.print());
	document.getElementById('export').addEventListener('click', async () => {
		const rows = await fetchAll('/api/alerts', query, 200);
		saveWorkbook(`${YEAR}年预警提醒_${today()}.xlsx`, [{ name: '提醒', rows: [['编号', '事项', '指标/节点', '级别', '标题', '内容', '发给', '发出时间', '状态', '确认人', '确认时间', '批示', '反馈'],
			...rows.map((a) => [a.alertId, `${a.itemId} ${a.itemTitle || ''}`, a.targetId || '', SEVERITY[a.severity] || a.severity, a.title, a.message,
				a.recipientName || a.recipientPosition || '', dateTime(a.raisedAt), ALERT_STATUS[a.status] || a.status, a.acknowledgedByName || a.acknowledgedBy || '',
				a.acknowledgedAt ? dateTime(a.acknowledgedAt) : '', a.instruction ?? a.note ?? '', (a.feedback || []).map((f) => `${f.department || f.by}：${f.note}`).join('\n')])] }]);
	});
}

async function reportView() {
	const u = user();
	const params = hashParams();
	const own = has(u, 'DEPARTMENT') && !has(u, 'ADMIN') && u.department ? `&department=${encodeURIComponent(u.department)}` : '';
	const [goals, projects] = await Promise.all([api(`/api/goals?year=${YEAR}${own}`), api(`/api/projects?year=${YEAR}`).catch(() => [])]);
	const mine = (item) => {
		if (!has(u, 'DEPARTMENT') || has(u, 'ADMIN')) {
			return true;
		}
		const r = item.responsibility || {};
		return r.leadDepartment === u.department || (r.cooperatingDepartments || []).includes(u.department);
	};
	// every target one may report on: indicators (a value), milestones (a date), qualitative goals (a state)
	const targets = [];
	goals.filter(mine).forEach((g) => {
		(g.indicators || []).forEach((i) => targets.push({ item: g, id: i.id, kind: 'value', indicator: i, label: `${g.itemId} ${g.title} · ${i.name}（${i.unit || ''}）` }));
		if (g.qualitative || !(g.indicators || []).length) {
			targets.push({ item: g, id: g.itemId, kind: 'state', label: `${g.itemId} ${g.title} · 总体进展` });
		}
	});
	projects.filter(mine).forEach((p) => (p.milestones || []).forEach((m) => targets.push({ item: p, id: m.id, kind: 'date', milestone: m, label: `${p.itemId} ${p.title} · ${m.name}` })));
	const chosen = Math.max(0, targets.findIndex((t) => t.id === params.get('target')));
	const supersedes = params.get('supersedes');
	view.innerHTML = `
		<h2>填报 <span class="muted small">业务日期 ${today()}</span></h2>
		<div class="two">
			<div class="card">
				<h3>${supersedes ? '更正报告' : '进度报告'}</h3>
				${supersedes ? `<p class="notice" id="correcting">正在更正报告 <b>${esc(supersedes)}</b>：提交后以本次填报为准，原报告保留并标为“已更正”。<a href="#/report">改为新填报</a></p>` : ''}
				${targets.length ? '' : '<p class="muted">没有由本部门牵头或配合的事项。</p>'}
				<form id="report-form" class="stack" novalidate>
					<label>事项与指标<select id="target" name="target" required ${supersedes ? 'disabled' : ''}>${targets.map((t, index) => `<option value="${index}" ${index === chosen ? 'selected' : ''}>${esc(t.label)}</option>`).join('')}</select></label>
					<div id="target-facts" class="facts" aria-live="polite"></div>
					<label id="value-field">数值（累计到截至日期）<input id="value" name="value" type="number" step="any" min="0" inputmode="decimal"></label>
					<label id="date-field" hidden>达成日期<input id="reachedOn" name="reachedOn" type="date" max="${today()}"></label>
					<label id="state-field" hidden>进展<select id="state" name="state">${Object.entries(QUALITATIVE_STATES).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></label>
					<label>截至日期<input id="asOf" name="asOf" type="date" value="${today()}" max="${today()}" required></label>
					<p id="plausibility" class="notice" hidden></p>
					<label id="confirm-field" class="inline" hidden><input type="checkbox" id="confirm"> 我已核对，数值无误，确认提交</label>
					<label>填报部门<input id="department" name="department" value="${esc(u.department || '')}" ${has(u, 'DEPARTMENT') ? 'readonly' : ''} required></label>
					<label>说明<textarea id="note" name="note" rows="3" maxlength="2000"></textarea></label>
					<button id="submit-report" type="submit" ${targets.length ? '' : 'disabled'}>${supersedes ? '提交更正' : '提交报告'}</button>
					<div id="report-result" role="status"></div>
				</form>
			</div>
			<div class="card">
				<h3>批量上传</h3>
				<ol class="steps">
					<li>下载本部门的填报模板（已列出本部门的全部指标、节点和上次填报的数值）：
						<button type="button" id="bulk-template" class="secondary">下载 ${YEAR} 年填报模板</button></li>
					<li>在 Excel 中填写“数值/达成日期、截至日期、状态、说明”，状态可填 ${Object.values(QUALITATIVE_STATES).join('、')}；可另存为 CSV（GB18030 或 UTF-8 均可）。</li>
					<li>整表上传：全部通过才会受理，所有错误一次列出。</li>
				</ol>
				<form id="bulk-form" class="stack">
					<label>文件<input id="bulk-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
					<button id="submit-bulk" type="submit">上传</button>
					<div id="bulk-result" role="status"></div>
				</form>
			</div>
		</div>`;
	const select = document.getElementById('target');
	const department = document.getElementById('department');
	const valueInput = document.getElementById('value');
	const asOfInput = document.getElementById('asOf');
	const current = () => targets[Number(select.value)];
	const plausibility = () => {
		const t = current();
		const box = document.getElementById('plausibility');
		const warning = t && t.kind === 'value' ? implausible(t.indicator, valueInput.value === '' ? null : Number(valueInput.value)) : null;
		box.hidden = !warning;
		box.textContent = warning || '';
		document.getElementById('confirm-field').hidden = !warning;
		return warning;
	};
	const sync = () => {
		const t = current();
		document.getElementById('value-field').hidden = !t || t.kind !== 'value';
		document.getElementById('date-field').hidden = !t || t.kind !== 'date';
		document.getElementById('state-field').hidden = !t || t.kind !== 'state';
		document.getElementById('target-facts').innerHTML = t ? targetFacts(t, asOfInput.value) : '';
		if (t && !has(u, 'DEPARTMENT') && t.item.responsibility) {
			department.value = t.item.responsibility.leadDepartment || department.value;
		}
		document.getElementById('confirm').checked = false;
		plausibility();
	};
	select.addEventListener('change', sync);
	asOfInput.addEventListener('change', sync);
	valueInput.addEventListener('input', plausibility);
	sync();
	document.getElementById('report-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		const result = document.getElementById('report-result');
		const t = current();
		const confirmBox = document.getElementById('confirm');
		result.innerHTML = '';
		if (plausibility() && !confirmBox.checked) {
			result.innerHTML = '<p class="error" role="alert">数值超出常理范围：请核对后勾选“确认提交”。</p>';
			return;
		}
		const report = {
			reportId: newId('web-'),
			planYear: YEAR,
			itemId: t.item.itemId,
			targetId: t.id,
			asOf: asOfInput.value,
			department: department.value.trim(),
			note: document.getElementById('note').value.trim() || null,
		};
		if (supersedes) {
			report.supersedes = supersedes;
		}
		if (confirmBox.checked) {
			report.confirmed = true;
		}
		if (t.kind === 'value') {
			report.value = valueInput.value === '' ? null : Number(valueInput.value);
		} else if (t.kind === 'date') {
			report.reachedOn = document.getElementById('reachedOn').value || null;
		} else {
			report.state = document.getElementById('state').value;
		}
		result.innerHTML = '<p class="muted">正在提交…</p>';
		try {
			const receipt = await postJson('/api/progress', report);
			result.innerHTML = `<p class="ok">已受理，报告编号 ${esc(receipt.reportId)}。<a href="#/items/${encodeURIComponent(t.item.itemId)}">查看事项</a></p>`;
		} catch (e) {
			const implausibleValue = ((e.problem && e.problem.errors) || []).some((x) => x.code === 'implausible-value');
			if (implausibleValue) {
				document.getElementById('confirm-field').hidden = false;
			}
			result.innerHTML = `<p class="error" role="alert">${esc(problemText(e))}</p>`;
		}
	});
	document.getElementById('bulk-template').addEventListener('click', async () => {
		try {
			await download(`/api/progress/bulk/template?year=${YEAR}`, `${YEAR}年进度填报模板${u.department ? '_' + u.department : ''}.xlsx`);
		} catch (e) {
			document.getElementById('bulk-result').innerHTML = problemsTable(e);
		}
	});
	document.getElementById('bulk-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		const result = document.getElementById('bulk-result');
		const file = document.getElementById('bulk-file').files[0];
		if (!file) {
			return;
		}
		const type = file.name.toLowerCase().endsWith('.xlsx')
			? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
		result.innerHTML = '<p class="muted">正在上传…</p>';
		try {
			const receipt = await api(`/api/progress/bulk?uploadId=${encodeURIComponent(newId('web-'))}`, { method: 'POST', headers: { 'Content-Type': type }, body: file });
			result.innerHTML = `<p class="ok" id="bulk-ok">已受理，上传编号 ${esc(receipt.uploadId || '')}，共 ${receipt.rows ?? 0} 行。</p>`;
		} catch (e) {
			result.innerHTML = problemsTable(e);
		}
	});
}

/** What the form knows of a target: its goal, what the plan curve expects by the as-of date, the last value. */
function targetFacts(t, asOf) {
	if (t.kind === 'value') {
		const i = t.indicator;
		const expected = expectedBy(i, asOf);
		return `<dl><dt>全年目标</dt><dd>${num(i.target)} ${esc(i.unit || '')}</dd>
			<dt>截至 ${esc(asOf || '')} 计划应达</dt><dd>${expected === null ? '—' : num(Math.round(expected * 100) / 100) + ' ' + esc(i.unit || '')}</dd>
			<dt>上次填报</dt><dd>${i.actual !== null && i.actual !== undefined ? `${num(i.actual)} ${esc(i.unit || '')}（截至 ${date(i.asOf)}）` : '尚未填报'}</dd>
			<dt>当前状态</dt><dd>${badge(statusOf(i))}</dd></dl>`;
	}
	if (t.kind === 'date') {
		const m = t.milestone;
		return `<dl><dt>节点</dt><dd>${esc(MILESTONE_KIND[m.type] || '节点')} · ${esc(m.name)}</dd>
			<dt>计划日期</dt><dd>${m.scheduled === false ? '未排期（年内）' : date(m.plannedDate)}</dd><dt>当前状态</dt><dd>${badge(m.status)}</dd></dl>`;
	}
	const p = t.item.progress;
	return `<dl><dt>当前进展</dt><dd>${p && p.asOf ? `${badge(p.status)} ${esc(qualitativeText(p))}（截至 ${date(p.asOf)}）` : badge(statusOf(t.item))}</dd></dl>`;
}

/** The plan curve's value on a date: month ends from expectedByMonth, straight between them. */
function expectedBy(i, asOf) {
	const curve = i.expectedByMonth;
	if (!Array.isArray(curve) || curve.length !== 12 || !asOf) {
		return i.expected ?? null;
	}
	const d = new Date(asOf + 'T00:00:00');
	if (d.getFullYear() !== YEAR) {
		return d.getFullYear() > YEAR ? Number(curve[11]) : 0;
	}
	const month = d.getMonth();
	const days = new Date(YEAR, month + 1, 0).getDate();
	const before = month === 0 ? 0 : Number(curve[month - 1]);
	return before + (Number(curve[month]) - before) * (d.getDate() / days);
}

/** Why a value looks wrong (more than 150 % of the target; a cumulative count going down), or null. */
function implausible(i, value) {
	if (value === null || Number.isNaN(value) || !i) {
		return null;
	}
	const target = Number(i.target);
	if (target > 0 && value > target * 1.5) {
		return `填报值 ${num(value)} 超过全年目标 ${num(target)}${i.unit || ''} 的 150%，请核对单位和数值。`;
	}
	// the rule progress-service applies: a count reached so far (不少于, not a rate, not a 总额/总量 level) never goes down
	const cumulative = (!i.direction || i.direction === 'AT_LEAST') && !String(i.unit || '').includes('%')
		&& !/总额|总量|总值|总收入/.test(i.name || '');
	if (cumulative && i.actual !== null && i.actual !== undefined && value < Number(i.actual)) {
		return `累计值 ${num(value)} 低于上次填报的 ${num(i.actual)}${i.unit || ''}（截至 ${date(i.asOf)}），累计数一般不会减少，请核对。`;
	}
	return null;
}

// ---------------------------------------------------------------- 考核

const EVALUATION_VIEWS = {
	section: { label: '按板块', items: 'itemsBySection', targets: 'bySection', key: (i) => `${i.section} ${i.sectionTitle || ''}`.trim() },
	department: { label: '按责任单位', items: 'itemsByDepartment', targets: 'byDepartment', key: (i) => i.department || '（未指定）' },
	leader: { label: '按分管领导', items: 'itemsByLeader', targets: 'byLeader', key: (i) => i.leader || '（未指定）' },
};
const RESULT_CLASS = { 完成: 's-DONE', 基本完成: 's-GREEN', 按期推进: 's-GREEN', 未完成: 's-RED' };

function rate(value) {
	return value === null || value === undefined ? '—' : `${Number(value).toFixed(1)}%`;
}

async function evaluationView() {
	const params = hashParams();
	const by = EVALUATION_VIEWS[params.get('by')] ? params.get('by') : 'section';
	const spec = EVALUATION_VIEWS[by];
	const group = params.get('group');
	const e = await api(`/api/evaluation/${YEAR}`);
	const groups = e[spec.items] || [];
	const targets = Object.fromEntries((e[spec.targets] || []).map((r) => [r.group, r]));
	const total = e.itemTotal || {};
	const items = (e.items || []).filter((i) => !group || spec.key(i) === group);
	const link = (p) => `#/evaluation?${new URLSearchParams(p)}`;
	view.innerHTML = `
		<h2>考核 · ${e.planYear} 年重点工作 <span class="muted small">截至 ${date(e.asOf)}</span></h2>
		<div class="row no-print">
			<nav class="tabs" id="evaluation-tabs">${Object.entries(EVALUATION_VIEWS).map(([k, v]) => `<a href="${link({ by: k })}" class="${k === by ? 'active' : ''}" data-by="${k}">${v.label}</a>`).join('')}</nav>
			<span class="grow"></span>
			<button type="button" id="evaluation-download">下载考核表（Excel）</button>
			<button type="button" id="print" class="secondary">打印</button>
		</div>
		<div class="totals" id="evaluation-totals">
			<div class="total"><span>事项</span><b>${total.items ?? (e.items || []).length}</b></div>
			<div class="total s-DONE"><span>完成</span><b>${total.completed ?? '—'}</b></div>
			<div class="total s-GREEN"><span>基本完成 / 按期推进</span><b>${(total.basicallyCompleted ?? 0) + (total.onTrack ?? 0)}</b></div>
			<div class="total s-RED"><span>未完成</span><b>${total.unfinished ?? '—'}</b></div>
			<div class="total"><span>事项完成率</span><b>${rate(total.completionRate)}</b></div>
			<div class="total"><span>指标与节点达成率</span><b>${rate((e.total || {}).completionRate)}</b></div>
		</div>
		<div class="two">
			<div class="card"><h3>${spec.label}的事项完成率</h3><div id="evaluation-chart" class="chart tall"></div></div>
			<div class="card"><h3>评分规则</h3><ol class="rules" id="evaluation-rules">${(e.rules || []).map((r) => `<li>${esc(r)}</li>`).join('') || '<li class="muted">—</li>'}</ol></div>
		</div>
		<div class="card table-wrap"><h3>${spec.label}（点击名称查看逐项明细）</h3>
			<table id="evaluation-groups" class="list"><thead><tr><th>${spec.label.slice(1)}</th><th>事项</th><th>完成</th><th>基本完成</th><th>按期推进</th><th>未完成</th><th>事项完成率</th><th>指标/节点</th><th>达成</th><th>按期达成</th><th>达成率</th></tr></thead>
			<tbody>${groups.map((g) => {
				const t = targets[g.group] || {};
				return `<tr data-group="${esc(g.group)}" class="${g.group === group ? 'selected' : ''}"><td><a href="${link({ by, group: g.group })}">${esc(g.group)}</a></td><td>${g.items}</td><td>${g.completed}</td><td>${g.basicallyCompleted}</td><td>${g.onTrack}</td>
					<td>${g.unfinished ? `<span class="error">${g.unfinished}</span>` : 0}</td><td>${rate(g.completionRate)}</td><td>${t.targets ?? '—'}</td><td>${t.met ?? '—'}</td><td>${t.metOnTime ?? '—'}</td><td>${rate(t.completionRate)}</td></tr>`;
			}).join('')}</tbody></table>
		</div>
		<div class="card table-wrap" id="evaluation-items"><h3>逐项明细${group ? `：${esc(group)} <a class="small no-print" href="${link({ by })}">显示全部</a>` : ''}（${items.length} 项）</h3>
			<table class="list"><thead><tr><th>编号</th><th>事项</th><th>类型</th><th>目标</th><th>实际</th><th>状态</th><th>结果</th><th>理由</th><th>责任单位</th><th>分管领导</th></tr></thead>
			<tbody>${items.map((i) => `<tr data-item="${esc(i.itemId)}"><td class="nowrap">${esc(i.itemId)}</td><td>${i.starred ? '★ ' : ''}${itemLink(i.itemId, i.title)}</td>
				<td class="nowrap">${esc({ INDICATOR: '指标', QUALITATIVE: '定性', MILESTONE: '工程' }[i.kind] || i.kind)}</td><td>${esc(i.target || '')}</td><td>${esc(i.actual || '')}</td>
				<td>${badge(i.status)}</td><td><span class="badge ${RESULT_CLASS[i.result] || ''}">${esc(i.result || '')}</span></td><td>${esc(i.reason || '')}</td><td>${esc(i.department || '')}</td><td>${esc(i.leader || '')}</td></tr>`).join('')
				|| '<tr><td colspan="10" class="muted">没有事项</td></tr>'}</tbody></table>
		</div>`;
	document.getElementById('print').addEventListener('click', () => window.print());
	document.getElementById('evaluation-download').addEventListener('click', async (event) => {
		try {
			await download(`/api/evaluation/${YEAR}/export.xlsx`, `${YEAR}年重点工作考核.xlsx`);
		} catch (err) {
			event.target.insertAdjacentHTML('afterend', `<span class="error" role="alert">${esc(problemText(err))}</span>`);
		}
	});
	const shown = groups.filter((g) => g.items > 0);
	const element = document.getElementById('evaluation-chart');
	element.style.height = Math.max(280, shown.length * 28 + 60) + 'px';
	const instance = chart(element, {
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
		legend: { bottom: 0 },
		grid: { left: 8, right: 24, bottom: 40, top: 8, containLabel: true },
		xAxis: { type: 'value', minInterval: 1 },
		yAxis: { type: 'category', inverse: true, data: shown.map((g) => g.group), axisLabel: { width: 150, overflow: 'truncate' } },
		series: [['completed', '完成', STATUS_COLOR.DONE], ['basicallyCompleted', '基本完成', '#5fb37f'], ['onTrack', '按期推进', STATUS_COLOR.GREEN], ['unfinished', '未完成', STATUS_COLOR.RED]]
			.map(([key, name, color]) => ({ name, type: 'bar', stack: 'items', itemStyle: { color }, data: shown.map((g) => g[key] || 0) })),
	});
	if (instance) {
		instance.on('click', (p) => (location.hash = link({ by, group: shown[p.dataIndex].group })));
	}
}

// ---------------------------------------------------------------- router


// ---------------------------------------------------------------- plans: import, review, 任务分解表

const DIRECTIONS = { AT_LEAST: '达到（不少于）', INCREASE_BY: '增长', REDUCE_BY: '下降', AT_MOST: '控制在（不超过）', KEEP_AT_LEAST: '保持在' };
const QUALIFIERS = { AT_LEAST: '以上', AT_MOST: '以内', STRIVE: '力争', APPROXIMATE: '左右', CUMULATIVE: '累计', YEAR_ON_YEAR: '同比' };
const MILESTONE_TYPES = { START: '开工', COMPLETION: '竣工', OTHER: '其他节点' };
const SOURCES = { DOCUMENT: '导入文件', REVIEW: '审核后发布', MANUAL: '手工建立', EDIT: '修改指标', BREAKDOWN: '任务分解表' };
const EDIT_NAMES = {
	EDIT_HEADING: '修改标题', ADD_SECTION: '新增章节', EDIT_SECTION: '修改章节', REMOVE_SECTION: '删除章节', ADD_ITEM: '新增事项',
	EDIT_ITEM: '修改事项', REMOVE_ITEM: '删除事项', MOVE_ITEM: '移动事项', SPLIT_ITEM: '拆分事项', MERGE_ITEMS: '合并事项',
	REPARSE_ITEM: '重新识别指标', SET_STARS: '设置★', ADD_TARGET: '新增指标', EDIT_TARGET: '修改指标', REMOVE_TARGET: '删除指标',
	ADD_MILESTONE: '新增里程碑', EDIT_MILESTONE: '修改里程碑', REMOVE_MILESTONE: '删除里程碑', SET_RESPONSIBILITY: '分工',
	SET_DEADLINE: '完成时限', SET_PLANNED_DATE: '计划日期',
};
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The type a file goes up as: what the browser says, else by its name (the server sniffs the bytes anyway). */
function fileType(file) {
	if (file.type) {
		return file.type;
	}
	const name = file.name.toLowerCase();
	return name.endsWith('.pdf') ? 'application/pdf' : name.endsWith('.docx') ? DOCX_TYPE : name.endsWith('.xlsx') ? XLSX_TYPE
		: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream';
}

function layoutText(layout) {
	if (!layout || (!layout.sectionMarker && !layout.itemMarker)) {
		return '手工建立';
	}
	const parts = [layout.sectionMarker ? `章节“${layout.sectionMarker}”` : '无章节（一个清单）'];
	(layout.groupMarkers || []).forEach((g) => parts.push(`小标题“${g}”`));
	parts.push(layout.itemMarker ? `事项“${layout.itemMarker}”` : '事项按段落');
	parts.push(layout.numbering === 'CONTINUOUS' ? '编号跨章节连续' : '各章节重新编号');
	return parts.join('，');
}

function problemsTable(error) {
	const errors = (error.problem && error.problem.errors) || [];
	if (!errors.length) {
		return `<p class="error" role="alert">${esc(problemText(error))}</p>`;
	}
	return `<p class="error" role="alert">${esc((error.problem && error.problem.title) || '提交未通过')}：共 ${errors.length} 处，未作任何修改。</p>
		<div class="table-wrap"><table class="problems"><thead><tr><th>位置</th><th>原因</th></tr></thead>
		<tbody>${errors.map((e) => `<tr><td class="nowrap">${esc(fieldLabel(e.field))}</td><td>${esc(e.reason)}</td></tr>`).join('')}</tbody></table></div>`;
}

async function download(path, name) {
	const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
	if (!response.ok) {
		throw new ApiError(response.status, await response.json().catch(() => null));
	}
	const url = URL.createObjectURL(await response.blob());
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function plansView(arg) {
	const year = Number(arg) || YEAR;
	const [drafts, versions, goals, projects] = await Promise.all([
		api('/api/plans/drafts'), api(`/api/plans/${year}/versions`).catch(() => []),
		api(`/api/goals?year=${year}`).catch(() => []), api(`/api/projects?year=${year}`).catch(() => [])]);
	const sample = [...goals, ...projects].filter((i) => i.sampleResponsibility || !i.responsibility)
		.sort((a, b) => a.section - b.section || Number(a.itemId.split('.')[1]) - Number(b.itemId.split('.')[1]));
	const unscheduled = projects.flatMap((p) => (p.milestones || []).filter((m) => m.scheduled === false));
	view.innerHTML = `
		<h2>计划管理 · <label class="inline">年度 <input id="plan-year-choice" type="number" min="2000" max="2100" value="${year}"></label></h2>
		<div class="two">
			<div class="card">
				<h3>导入计划文件并审核</h3>
				<p class="muted">Word（.docx）、带文字的 PDF 或纯文本（UTF-8 / GB18030）。导入后先生成草稿，核对、修正后再发布。</p>
				<form id="import-form" class="stack">
					<label>文件<input id="plan-file" type="file" accept=".txt,.docx,.pdf,text/plain,application/pdf,${DOCX_TYPE}" required></label>
					<label>计划年度（文件中没有年度时填写）<input id="import-year" type="number" min="2000" max="2100" placeholder="自动识别"></label>
					<button id="import-button" type="submit">导入并审核</button>
					<div id="import-result" role="status"></div>
				</form>
				<form id="new-draft-form" class="stack">
					<h3>不导入文件</h3>
					<label>标题<input id="new-title" placeholder="${year} 年区政府重点工作安排"></label>
					<div class="row"><button id="new-empty" type="submit" data-from="EMPTY">从空白开始建立 ${year} 年计划</button>
					<button id="new-latest" type="button" data-from="LATEST" ${versions.length ? '' : 'disabled'}>修改已发布的 ${year} 年计划</button></div>
				</form>
			</div>
			<div class="card">
				<h3>任务分解表（责任分工与计划日期）</h3>
				<p>仍为示例分工的事项：<b id="sample-count">${sample.length}</b> 项；未排期的工程节点：<b id="unscheduled-count">${unscheduled.length}</b> 个。</p>
				<p class="muted">下载模板（每个事项一行、每个工程节点一行，责任领导和牵头单位有下拉列表），填好后整表上传：全部通过才会应用，每处错误标明行和列。</p>
				<div class="row"><button id="breakdown-download" type="button" ${versions.length ? '' : 'disabled'}>下载 ${year} 年任务分解表</button></div>
				<form id="breakdown-form" class="stack">
					<label>填好的任务分解表（.xlsx 或 CSV）<input id="breakdown-file" type="file" accept=".xlsx,.csv,${XLSX_TYPE},text/csv" required></label>
					<button id="breakdown-upload" type="submit">上传并应用</button>
					<div id="breakdown-result" role="status"></div>
				</form>
				<details id="sample-items"><summary>仍为示例分工的事项（${sample.length}）</summary>
					<ul class="items">${sample.slice(0, 300).map((i) => `<li><span class="grow">${itemLink(i.itemId, i.itemId + ' ' + i.title)}</span><span class="muted">${esc(i.responsibility ? i.responsibility.leadDepartment : '未分工')}</span></li>`).join('')}</ul>
				</details>
			</div>
		</div>
		<div class="card table-wrap"><h3>审核中的草稿</h3>
			<table id="drafts"><thead><tr><th>年度</th><th>标题</th><th>来源</th><th>修改</th><th>警告</th><th>更新</th><th></th></tr></thead>
			<tbody>${drafts.length ? drafts.map((d) => `<tr data-draft="${esc(d.id)}"><td>${d.planYear}</td><td>${esc(d.title || '')}</td>
				<td>${esc(d.sourceFormat === 'NONE' ? (d.basedOn ? '第 ' + d.basedOn + ' 版' : '空白') : d.sourceFormat)}</td><td>${d.edits}</td><td>${d.warnings}</td>
				<td>${dateTime(d.updatedAt)}（${esc(d.createdBy)}）</td><td><a href="#/review/${encodeURIComponent(d.id)}">继续审核</a></td></tr>`).join('')
		: '<tr><td colspan="7" class="muted">没有审核中的草稿</td></tr>'}</tbody></table>
		</div>
		<div class="card table-wrap"><h3>${year} 年计划的版本</h3>
			${versions.length ? `<table id="versions"><thead><tr><th>版本</th><th>来源</th><th>时间</th><th>操作人</th><th>原因</th><th>事项</th><th>变化</th></tr></thead>
			<tbody>${versions.slice().reverse().map((v) => `<tr data-version="${v.version}"><td>第 ${v.version} 版${v.baseline ? '（基线）' : ''}</td>
				<td>${esc(SOURCES[v.source] || v.source)}</td><td>${dateTime(v.createdAt)}</td><td>${esc(v.by)}</td><td>${esc(v.reason || '')}</td>
				<td>${v.counts.items}</td><td>${versionDetails(v)}</td></tr>`).join('')}</tbody></table>`
		: `<p class="muted">还没有 ${year} 年的计划，请导入文件或从空白建立。</p>`}
		</div>`;
	document.getElementById('plan-year-choice').addEventListener('change', (e) => {
		location.hash = '#/plans/' + e.target.value;
	});
	document.getElementById('import-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		const result = document.getElementById('import-result');
		const file = document.getElementById('plan-file').files[0];
		const y = document.getElementById('import-year').value;
		result.innerHTML = '<p class="muted">正在读取和识别……</p>';
		try {
			const draft = await api('/api/plans/drafts' + (y ? '?year=' + encodeURIComponent(y) : ''),
				{ method: 'POST', headers: { 'Content-Type': fileType(file) }, body: file });
			location.hash = '#/review/' + encodeURIComponent(draft.id);
		} catch (e) {
			result.innerHTML = problemsTable(e);
		}
	});
	const newDraft = async (from) => {
		try {
			const draft = await postJson('/api/plans/drafts', { planYear: year, from, title: document.getElementById('new-title').value || null });
			location.hash = '#/review/' + encodeURIComponent(draft.id);
		} catch (e) {
			document.getElementById('import-result').innerHTML = problemsTable(e);
		}
	};
	document.getElementById('new-draft-form').addEventListener('submit', (event) => {
		event.preventDefault();
		newDraft('EMPTY');
	});
	document.getElementById('new-latest').addEventListener('click', () => newDraft('LATEST'));
	document.getElementById('breakdown-download').addEventListener('click', async () => {
		try {
			await download(`/api/plans/${year}/breakdown.xlsx`, `${year}年任务分解表.xlsx`);
		} catch (e) {
			document.getElementById('breakdown-result').innerHTML = problemsTable(e);
		}
	});
	document.getElementById('breakdown-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		const result = document.getElementById('breakdown-result');
		const file = document.getElementById('breakdown-file').files[0];
		result.innerHTML = '<p class="muted">正在检查……</p>';
		try {
			const applied = await api(`/api/plans/${year}/breakdown`, { method: 'POST', headers: { 'Content-Type': fileType(file) }, body: file });
			await render(true);
			document.getElementById('breakdown-result').innerHTML = applied.outcome === 'CREATED'
				? `<p class="ok">已应用：${applied.rows} 行，分工变更 ${applied.responsibilityChanges} 项，日期变更 ${applied.dateChanges} 项（生成第 ${applied.version} 版）。</p>`
				: `<p class="ok">已检查 ${applied.rows} 行，与现有分工和日期相同，没有变化。</p>`;
		} catch (e) {
			result.innerHTML = problemsTable(e);
		}
	});
}

function versionDetails(v) {
	const changes = v.changes || [];
	const edits = v.edits || [];
	if (!changes.length && !edits.length) {
		return '<span class="muted">—</span>';
	}
	return `<details><summary>${changes.length} 处变化${edits.length ? '，' + edits.length + ' 条修改记录' : ''}</summary>
		${edits.length ? `<ul class="edits">${edits.map(editLine).join('')}</ul>` : ''}
		<ul class="edits">${changes.slice(0, 200).map((c) => `<li>${esc(c.kind)} ${esc(c.targetId || c.itemId)}：${esc(c.before || '（无）')} → ${esc(c.after || '（删除）')}</li>`).join('')}</ul>
	</details>`;
}

function editLine(e) {
	return `<li><span class="muted">${dateTime(e.at)} ${esc(e.by)}</span> ${esc(EDIT_NAMES[e.op] || e.op)} ${esc(e.subject || '')}：${esc(e.before || '（无）')} → ${esc(e.after || '（删除）')}${e.reason ? `<span class="muted">（${esc(e.reason)}）</span>` : ''}</li>`;
}

/** Where the caret last stood in each item's text, for 拆分. */
const carets = {};

async function reviewView(id) {
	const draft = await api(`/api/plans/drafts/${encodeURIComponent(id)}`);
	const plan = draft.plan;
	const open = draft.status === 'OPEN';
	const warningsByLine = {};
	(draft.warnings || []).forEach((w) => (warningsByLine[w.line] = warningsByLine[w.line] || []).push(w));
	const lines = (draft.sourceText || '').split(/\r\n|\r|\n/);
	const source = draft.sourceText ? `<ol class="source" id="source-text">${lines.map((l, i) => {
		const w = warningsByLine[i + 1];
		return `<li id="src-L${i + 1}" class="${w ? 'warn' : ''}" ${w ? `title="${esc(w.map((x) => x.message).join('；'))}"` : ''}>${esc(l) || '&nbsp;'}</li>`;
	}).join('')}</ol>` : '<p class="muted">手工建立的计划没有原文。</p>';
	const disabled = open ? '' : 'disabled';
	view.innerHTML = `
		<h2>审核计划草稿 · ${plan.planYear} 年 <span class="badge">${open ? '审核中' : draft.status === 'PUBLISHED' ? '已发布为第 ' + draft.published + ' 版' : '已放弃'}</span></h2>
		<div class="card">
			<div class="row">
				<label class="grow">标题<input id="heading-title" value="${esc((plan.heading || {}).title || '')}" ${disabled}></label>
				<label class="grow">修改原因（记录在每条修改中）<input id="edit-reason" value="核对原文修正" maxlength="500" ${disabled}></label>
			</div>
			<p class="muted">来源：${esc(draft.source ? draft.source.format : '')}${draft.source && draft.source.encoding ? '（' + esc(draft.source.encoding) + '）' : ''}${draft.source && draft.source.pages ? '，' + draft.source.pages + ' 页' : ''}；识别的版式：${esc(layoutText(draft.layout))}；
				${plan.counts.sections} 个章节、${plan.counts.items} 个事项、${plan.counts.indicators} 个指标、${plan.counts.milestones} 个里程碑、${plan.counts.stars} 个 ★。</p>
			<div class="row">
				<label class="grow">发布原因<input id="publish-reason" value="核对原文后发布" maxlength="500" ${disabled}></label>
				<button id="publish" type="button" ${open && !draft.problems.length ? '' : 'disabled'}>发布为新版本</button>
				<button id="keep-draft" type="button" ${disabled}>保存草稿，稍后继续</button>
				<button id="discard" type="button" class="secondary" ${disabled}>放弃草稿</button>
			</div>
			<div id="review-result" role="status">${draft.problems.length ? `<p class="error">发布前还需处理：${draft.problems.map((p) => esc(p.reason)).join('；')}</p>` : ''}</div>
		</div>
		<div class="review">
			<div class="card source-pane">
				<h3>原文${(draft.warnings || []).length ? `（${draft.warnings.length} 条警告）` : ''}</h3>
				${(draft.warnings || []).length ? `<ul class="warnings" id="warnings">${draft.warnings.map((w) => `<li><a href="#src-L${w.line}" data-line="${w.line}">第 ${w.line} 行</a> ${esc(w.message)}</li>`).join('')}</ul>` : '<p class="ok">没有警告。</p>'}
				${source}
			</div>
			<div class="card plan-pane" id="plan-editor" data-revision="${esc(String(draft.revision))}">
				${plan.sections.map((s) => sectionEditor(s, disabled)).join('')}
				${open ? `<details class="add"><summary>+ 新增章节</summary><div class="row">
					<input id="new-section-title" placeholder="章节标题"><select id="new-section-kind"><option value="GOALS">目标（指标）</option><option value="CONSTRUCTION">工程（里程碑）</option></select>
					<button type="button" data-action="add-section">添加</button></div></details>` : ''}
			</div>
		</div>
		<div class="card"><h3>修改记录（${draft.edits.length}）</h3>${draft.edits.length ? `<ul class="edits" id="edit-log">${draft.edits.map(editLine).join('')}</ul>` : '<p class="muted">尚无修改</p>'}</div>`;
	bindReview(draft);
}

function sectionEditor(s, disabled) {
	const construction = s.kind === 'CONSTRUCTION';
	return `<section class="section-editor" data-section="${s.section}">
		<div class="row"><b>${esc(s.label || s.section + '.')}</b>
			<input class="grow" data-section-title="${s.section}" value="${esc(s.title)}" ${disabled}>
			<select data-section-kind="${s.section}" ${disabled}><option value="GOALS" ${construction ? '' : 'selected'}>目标</option><option value="CONSTRUCTION" ${construction ? 'selected' : ''}>工程</option></select>
			<button type="button" class="secondary" data-action="remove-section" data-section="${s.section}" ${disabled}>删除章节</button>
		</div>
		${s.items.map((i, index) => itemEditor(i, construction, index === s.items.length - 1, disabled)).join('')}
		${disabled ? '' : `<details class="add"><summary>+ 在本章节末尾新增事项</summary><div class="stack">
			<textarea rows="2" data-new-item="${s.section}" placeholder="事项内容"></textarea>
			<button type="button" data-action="add-item" data-section="${s.section}">添加事项</button></div></details>`}
	</section>`;
}

function itemEditor(item, construction, last, disabled) {
	const targets = item.indicators || [];
	const milestones = item.milestones || [];
	return `<article class="item-editor" data-item-id="${esc(item.itemId)}">
		<div class="row">
			<b class="item-id">${esc(item.itemId)}</b><span class="muted">${esc(item.label || '')}</span>${item.group ? `<span class="muted">${esc(item.group)}</span>` : ''}
			<label class="inline">★<input type="number" min="0" max="20" value="${item.starCount}" data-stars="${esc(item.itemId)}" ${disabled}></label>
			<span class="grow"></span>
			<button type="button" class="secondary" data-action="move-up" data-item="${esc(item.itemId)}" title="上移" ${disabled}>↑</button>
			<button type="button" class="secondary" data-action="move-down" data-item="${esc(item.itemId)}" title="下移" ${disabled}>↓</button>
			<button type="button" class="secondary" data-action="split" data-item="${esc(item.itemId)}" title="在文字中光标所在处拆成两项" ${disabled}>拆分</button>
			<button type="button" class="secondary" data-action="merge" data-item="${esc(item.itemId)}" title="与下一项合并" ${last || disabled ? 'disabled' : ''}>合并下一项</button>
			<button type="button" class="secondary" data-action="reparse" data-item="${esc(item.itemId)}" title="按当前文字重新识别${construction ? '里程碑' : '指标'}" ${disabled}>重新识别</button>
			<button type="button" class="secondary" data-action="remove-item" data-item="${esc(item.itemId)}" ${disabled}>删除</button>
		</div>
		<textarea rows="${Math.min(8, Math.max(2, Math.ceil(item.text.length / 60)))}" data-item-text="${esc(item.itemId)}" ${disabled}>${esc(item.text)}</textarea>
		${construction ? milestoneEditor(item, milestones, disabled) : targetEditor(item, targets, disabled)}
	</article>`;
}

function targetEditor(item, targets, disabled) {
	return `<table class="targets"><thead><tr><th>编号</th><th>指标</th><th>目标值</th><th>单位</th><th>方向</th><th>限定</th><th>★</th><th></th></tr></thead><tbody>
		${targets.map((t) => `<tr data-target-id="${esc(t.id)}" title="${esc(t.sourcePhrase || '')}">
			<td>${esc(t.id)}${t.partOf ? `<br><span class="muted">属 ${esc(t.partOf)}</span>` : ''}</td>
			<td><input data-field="name" value="${esc(t.name)}" ${disabled}></td>
			<td><input data-field="value" type="number" step="any" min="0" value="${esc(t.value)}" ${disabled}></td>
			<td><input data-field="unit" size="6" value="${esc(t.unit)}" ${disabled}></td>
			<td><select data-field="direction" ${disabled}>${Object.entries(DIRECTIONS).map(([k, v]) => `<option value="${k}" ${t.direction === k ? 'selected' : ''}>${v}</option>`).join('')}</select></td>
			<td class="qualifiers">${Object.entries(QUALIFIERS).map(([k, v]) => `<label class="inline"><input type="checkbox" data-qualifier="${k}" ${(t.qualifiers || []).includes(k) ? 'checked' : ''} ${disabled}>${v}</label>`).join('')}</td>
			<td><input type="checkbox" data-field="starred" ${t.starred ? 'checked' : ''} ${disabled}></td>
			<td><button type="button" class="secondary" data-action="remove-target" data-target="${esc(t.id)}" ${disabled}>删除</button></td></tr>`).join('')}
		${disabled ? '' : `<tr class="new-target" data-new-target="${esc(item.itemId)}"><td>新增</td><td><input data-new="name" placeholder="指标名称"></td>
			<td><input data-new="value" type="number" step="any" min="0"></td><td><input data-new="unit" size="6" placeholder="单位"></td>
			<td><select data-new="direction">${Object.entries(DIRECTIONS).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></td><td></td><td></td>
			<td><button type="button" data-action="add-target" data-item="${esc(item.itemId)}">添加</button></td></tr>`}
	</tbody></table>`;
}

function milestoneEditor(item, milestones, disabled) {
	return `<table class="milestones"><thead><tr><th>编号</th><th>类型</th><th>里程碑</th><th>计划日期（空为未排期）</th><th></th></tr></thead><tbody>
		${milestones.map((m) => `<tr data-milestone-id="${esc(m.id)}" title="${esc(m.sourcePhrase || '')}"><td>${esc(m.id)}</td>
			<td><select data-field="type" ${disabled}>${Object.entries(MILESTONE_TYPES).map(([k, v]) => `<option value="${k}" ${m.type === k ? 'selected' : ''}>${v}</option>`).join('')}</select></td>
			<td><input data-field="name" value="${esc(m.name)}" ${disabled}></td>
			<td><input data-field="plannedDate" type="date" value="${esc(m.plannedDate || '')}" ${disabled}>${m.plannedDate ? '' : ' <span class="badge s-NOT_STARTED">未排期</span>'}</td>
			<td><button type="button" class="secondary" data-action="remove-milestone" data-milestone="${esc(m.id)}" ${disabled}>删除</button></td></tr>`).join('')}
		${disabled ? '' : `<tr data-new-milestone="${esc(item.itemId)}"><td>新增</td>
			<td><select data-new="type">${Object.entries(MILESTONE_TYPES).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></td>
			<td><input data-new="name" placeholder="项目或节点名称"></td><td><input data-new="plannedDate" type="date"></td>
			<td><button type="button" data-action="add-milestone" data-item="${esc(item.itemId)}">添加</button></td></tr>`}
	</tbody></table>`;
}

function bindReview(draft) {
	const id = draft.id;
	const result = document.getElementById('review-result');
	const reason = () => document.getElementById('edit-reason').value.trim() || null;
	const send = async (op) => {
		try {
			await postJson(`/api/plans/drafts/${encodeURIComponent(id)}/edits`, { ...op, reason: reason(), revision: draft.revision });
			await render(true);
		} catch (e) {
			result.innerHTML = problemsTable(e);
			if (e.status === 409) {
				result.innerHTML += '<p><button type="button" onclick="location.reload()">刷新草稿</button></p>';
			}
		}
	};
	const editor = document.getElementById('plan-editor');
	document.getElementById('heading-title').addEventListener('change', (e) => send({ op: 'EDIT_HEADING', title: e.target.value }));
	editor.addEventListener('change', (e) => {
		const t = e.target;
		if (t.dataset.itemText) {
			return send({ op: 'EDIT_ITEM', itemId: t.dataset.itemText, text: t.value });
		}
		if (t.dataset.stars) {
			return send({ op: 'SET_STARS', itemId: t.dataset.stars, starCount: Number(t.value) });
		}
		if (t.dataset.sectionTitle) {
			return send({ op: 'EDIT_SECTION', section: Number(t.dataset.sectionTitle), title: t.value });
		}
		if (t.dataset.sectionKind) {
			return send({ op: 'EDIT_SECTION', section: Number(t.dataset.sectionKind), kind: t.value });
		}
		const targetRow = t.closest('[data-target-id]');
		if (targetRow && (t.dataset.field || t.dataset.qualifier)) {
			const op = { op: 'EDIT_TARGET', targetId: targetRow.dataset.targetId };
			if (t.dataset.qualifier) {
				op.qualifiers = [...targetRow.querySelectorAll('[data-qualifier]:checked')].map((c) => c.dataset.qualifier);
			} else if (t.dataset.field === 'starred') {
				op.starred = t.checked;
			} else {
				op[t.dataset.field] = t.dataset.field === 'value' ? Number(t.value) : t.value;
			}
			return send(op);
		}
		const milestoneRow = t.closest('[data-milestone-id]');
		if (milestoneRow && t.dataset.field) {
			const op = { op: 'EDIT_MILESTONE', milestoneId: milestoneRow.dataset.milestoneId };
			if (t.dataset.field === 'plannedDate') {
				if (t.value) {
					op.plannedDate = t.value;
				} else {
					op.unscheduled = true;
				}
			} else {
				op[t.dataset.field] = t.value;
			}
			return send(op);
		}
		return undefined;
	});
	editor.addEventListener('keyup', caret);
	editor.addEventListener('click', caret);
	editor.addEventListener('click', (e) => {
		const b = e.target.closest('button[data-action]');
		if (!b) {
			return;
		}
		const item = b.dataset.item;
		const position = (itemId, delta) => {
			const [section, n] = itemId.split('.').map(Number);
			return { op: 'MOVE_ITEM', itemId, section, position: n + delta };
		};
		switch (b.dataset.action) {
			case 'move-up': send(position(item, -1)); break;
			case 'move-down': send(position(item, 1)); break;
			case 'split': {
				const at = carets[item];
				if (!at) {
					result.innerHTML = '<p class="error">请先在该事项文字中点击要拆开的位置，再点“拆分”。</p>';
				} else {
					send({ op: 'SPLIT_ITEM', itemId: item, at });
				}
				break;
			}
			case 'merge': send({ op: 'MERGE_ITEMS', itemId: item }); break;
			case 'reparse': send({ op: 'REPARSE_ITEM', itemId: item }); break;
			case 'remove-item': send({ op: 'REMOVE_ITEM', itemId: item }); break;
			case 'remove-target': send({ op: 'REMOVE_TARGET', targetId: b.dataset.target }); break;
			case 'remove-milestone': send({ op: 'REMOVE_MILESTONE', milestoneId: b.dataset.milestone }); break;
			case 'remove-section': send({ op: 'REMOVE_SECTION', section: Number(b.dataset.section) }); break;
			case 'add-item': {
				const text = editor.querySelector(`[data-new-item="${b.dataset.section}"]`).value;
				send({ op: 'ADD_ITEM', section: Number(b.dataset.section), text });
				break;
			}
			case 'add-section':
				send({ op: 'ADD_SECTION', title: document.getElementById('new-section-title').value, kind: document.getElementById('new-section-kind').value });
				break;
			case 'add-target': {
				const row = b.closest('tr');
				const v = (name) => row.querySelector(`[data-new="${name}"]`).value;
				send({ op: 'ADD_TARGET', itemId: item, name: v('name'), value: v('value') === '' ? null : Number(v('value')), unit: v('unit'), direction: v('direction') });
				break;
			}
			case 'add-milestone': {
				const row = b.closest('tr');
				const v = (name) => row.querySelector(`[data-new="${name}"]`).value;
				send({ op: 'ADD_MILESTONE', itemId: item, type: v('type'), name: v('name'), plannedDate: v('plannedDate') || null });
				break;
			}
			default:
		}
	});
	document.querySelectorAll('#warnings a[data-line]').forEach((a) => a.addEventListener('click', (e) => {
		e.preventDefault();
		const line = document.getElementById('src-L' + a.dataset.line);
		if (line) {
			line.scrollIntoView({ block: 'center' });
			line.classList.add('flash');
		}
	}));
	document.getElementById('publish').addEventListener('click', async () => {
		try {
			const published = await postJson(`/api/plans/drafts/${encodeURIComponent(id)}/publish`, { reason: document.getElementById('publish-reason').value, revision: draft.revision });
			location.hash = '#/plans/' + published.planYear;
		} catch (e) {
			result.innerHTML = problemsTable(e);
		}
	});
	document.getElementById('keep-draft').addEventListener('click', () => {
		location.hash = '#/plans/' + draft.planYear;
	});
	document.getElementById('discard').addEventListener('click', async () => {
		if (!window.confirm('放弃这份草稿？已做的修改不会发布。')) {
			return;
		}
		try {
			await api(`/api/plans/drafts/${encodeURIComponent(id)}?revision=${draft.revision}`, { method: 'DELETE' });
			location.hash = '#/plans/' + draft.planYear;
		} catch (e) {
			result.innerHTML = problemsTable(e);
		}
	});
}

function caret(e) {
	const t = e.target;
	if (t.dataset && t.dataset.itemText) {
		carets[t.dataset.itemText] = t.selectionStart;
	}
}

const ROUTES = {
	login: loginView,
	overview: overviewView,
	starred: starredView,
	projects: projectsView,
	items: itemView,
	inbox: inboxView,
	report: reportView,
	plans: plansView,
	review: reviewView,
	list: listView,
	evaluation: evaluationView,
};

/** Views whose data the poller reloads (the report form is left alone while one types). */
const LIVE = new Set(['overview', 'starred', 'list', 'projects', 'items', 'inbox']);

function parseHash() {
	const parts = (location.hash || '').replace(/^#\/?/, '').split('?')[0].split('/');
	const name = ROUTES[parts[0]] ? parts[0] : 'overview';
	return { name, arg: parts[1] ? decodeURIComponent(parts[1]) : undefined };
}

async function render(keepScroll) {
	const seq = ++renderSeq;
	let { name, arg } = parseHash();
	if (!user() && name !== 'login') {
		sessionStorage.removeItem(TOKEN_KEY);
		location.hash = '#/login';
		return;
	}
	if (user() && name === 'login') {
		name = 'overview';
	}
	renderChrome(name);
	if (name !== 'login') {
		startLive();
		await loadBusinessDate();
	}
	document.body.dataset.view = name;
	const scroll = keepScroll === true ? window.scrollY : 0;
	try {
		disposeCharts();
		await ROUTES[name](arg);
		if (seq === renderSeq) {
			document.body.dataset.ready = name;
			window.scrollTo(0, scroll);
			if (name !== 'login') {
				stamp();
			}
		}
	} catch (e) {
		if (seq === renderSeq && e.status !== 401) {
			showError(e);
		}
	}
}

/** Reload the current view's data (after the user's own actions, by the poller and on live events). */
async function refresh(background) {
	const { name } = parseHash();
	if (!LIVE.has(name) || !user()) {
		return;
	}
	// never under the hands of someone writing a 批示, a 反馈 or a search
	const typing = [...view.querySelectorAll('textarea, input[type=search], input[type=text]')]
		.some((f) => f === document.activeElement || (f.tagName === 'TEXTAREA' && f.value.trim()));
	if (background && typing) {
		return;
	}
	await render(true);
}

// ---------------------------------------------------------------- live: the alerts stream

let liveStream = null;
let liveTimer = null;

/** Alerts raised, acknowledged, answered or resolved reach the open page as they happen: it reloads its page of data. */
function startLive() {
	if (liveStream || !token() || !window.EventSource) {
		return;
	}
	const source = new EventSource('/api/alerts/stream?access_token=' + encodeURIComponent(token()));
	liveStream = source;
	const changed = () => {
		clearTimeout(liveTimer);
		liveTimer = setTimeout(() => refresh(true), 800);
	};
	['notification', 'alert', 'alert-raised', 'alert-acknowledged', 'alert-feedback', 'alert-resolved'].forEach((name) => source.addEventListener(name, changed));
	source.onmessage = changed;
	// a stream (re)connected may have missed changes meanwhile (or made on another instance): read the page again
	let opened = false;
	source.onopen = () => {
		if (opened) {
			changed();
		}
		opened = true;
	};
	source.onerror = () => {
		if (source.readyState === EventSource.CLOSED && liveStream === source) {
			liveStream = null;
		}
	};
}

function stopLive() {
	if (liveStream) {
		liveStream.close();
		liveStream = null;
	}
}

window.addEventListener('hashchange', render);
pollTimer = setInterval(() => {
	if (!document.hidden) {
		refresh(true);
	}
}, POLL_MS);
render();
