// @ts-check
// The sandboxed frame runs the ordinary runner, passed this page's query (the dashboard's
// `?dashboard=<run>`), so the frame knows when the dashboard is driving it.
/** @type {HTMLIFrameElement} */ (document.getElementById('sandbox')).src = '/runner/' + location.search;
