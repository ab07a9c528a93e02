// The HTML report lives in ./html/ (page, charts, style, script); this is its door.
export { renderHtml } from './html/page.ts';
