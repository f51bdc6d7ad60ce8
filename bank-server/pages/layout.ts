// The bank's page layout: every bank page is this shell around its body.
import { html, type Raw } from '../../runtime/html.js';

export function page(title: string, body: Raw): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/assets/bank.css">
</head>
<body>
${body}
</body>
</html>`.html;
}
