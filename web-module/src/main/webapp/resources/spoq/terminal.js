// The browser terminal: xterm.js in #terminal, a WebSocket to /terminal/socket (the server logs in through the SSH
// gateway as the profile). Served from our own origin; the page has no inline script (strict CSP).
(function () {
    'use strict';
    var box = document.getElementById('terminal');
    if (!box || !window.Terminal || !window.FitAddon) {
        return;
    }
    var status = document.getElementById('terminal-status');
    var reconnect = document.getElementById('terminal-reconnect');
    var phone = window.matchMedia('(max-width: 699px)').matches;
    var term = new window.Terminal({
        cursorBlink: true,
        fontSize: phone ? 13 : 15,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
        scrollback: 5000,
        theme: { background: '#11131c', foreground: '#e6e8f0', cursor: '#9aa5ff', selectionBackground: '#3f37c966' }
    });
    var fit = new window.FitAddon.FitAddon();
    term.loadAddon(fit);
    term.open(box);
    fit.fit();

    var socket = null;
    var ctrlArmed = false;
    var ctrlButton = document.querySelector('#extra-keys [data-key="ctrl"]');

    function show(state, words) {
        status.dataset.state = state;
        status.textContent = words;
        status.className = 'status ' + (state === 'open' ? 'running' : state === 'connecting' ? 'provisioning' : 'failed');
        reconnect.hidden = state === 'open' || state === 'connecting';
    }

    function send(message) {
        if (socket && socket.readyState === WebSocket.OPEN) {
            socket.send(JSON.stringify(message));
        }
    }

    function connect() {
        var url = new URL(box.dataset.socket, window.location.href);
        url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
        url.searchParams.set('columns', term.cols);
        url.searchParams.set('rows', term.rows);
        show('connecting', 'Connecting…');
        var ended = null;
        socket = new WebSocket(url.toString());
        socket.binaryType = 'arraybuffer';
        socket.onopen = function () {
            show('open', 'Connected');
            term.focus();
        };
        socket.onmessage = function (event) {
            if (typeof event.data === 'string') {
                var message = JSON.parse(event.data);
                if (message.type === 'ended') {
                    ended = message.message;
                }
                return;
            }
            term.write(new Uint8Array(event.data));
        };
        socket.onclose = function (event) {
            var why = ended || event.reason || 'The terminal was disconnected.';
            term.write('\r\n\x1b[2m' + why + '\x1b[0m\r\n');
            show('closed', 'Disconnected');
        };
    }

    // a key from the extra-keys row, or the next typed key while Ctrl is armed
    var KEYS = { esc: '\x1b', tab: '\t', up: '\x1b[A', down: '\x1b[B', right: '\x1b[C', left: '\x1b[D' };

    function armCtrl(on) {
        ctrlArmed = on;
        ctrlButton.setAttribute('aria-pressed', on ? 'true' : 'false');
    }

    function withCtrl(data) {
        if (data.length !== 1) {
            return data;
        }
        var code = data.toUpperCase().charCodeAt(0);
        if (code >= 64 && code <= 95) {
            return String.fromCharCode(code - 64); // Ctrl-A is 0x01 ... Ctrl-_ is 0x1f
        }
        if (data === ' ') {
            return '\x00';
        }
        return data;
    }

    term.onData(function (data) {
        if (ctrlArmed) {
            data = withCtrl(data);
            armCtrl(false);
        }
        send({ type: 'input', data: data });
    });
    term.onResize(function (size) {
        send({ type: 'resize', columns: size.cols, rows: size.rows });
    });

    document.getElementById('extra-keys').addEventListener('click', function (event) {
        var button = event.target.closest('button[data-key]');
        if (!button) {
            return;
        }
        var key = button.dataset.key;
        if (key === 'ctrl') {
            armCtrl(!ctrlArmed);
        } else {
            send({ type: 'input', data: KEYS[key] });
        }
        term.focus();
    });
    // keep the on-screen keyboard up: a tap on the row must not take the focus from the terminal
    document.getElementById('extra-keys').addEventListener('mousedown', function (event) {
        event.preventDefault();
    });

    // copy: the selection (also Ctrl+Shift+C); paste: the clipboard (also Ctrl+Shift+V and the browser's own paste)
    function copy() {
        var text = term.getSelection();
        if (text && navigator.clipboard) {
            navigator.clipboard.writeText(text);
        }
        term.focus();
    }

    function paste() {
        if (navigator.clipboard && navigator.clipboard.readText) {
            navigator.clipboard.readText().then(function (text) {
                term.paste(text);
            }, function () {
                term.focus();
            });
        }
        term.focus();
    }

    term.attachCustomKeyEventHandler(function (event) {
        if (event.type === 'keydown' && event.ctrlKey && event.shiftKey && (event.code === 'KeyC' || event.code === 'KeyV')) {
            if (event.code === 'KeyC') {
                copy();
            } else {
                paste();
            }
            event.preventDefault();
            return false;
        }
        return true;
    });
    document.getElementById('terminal-copy').addEventListener('click', copy);
    document.getElementById('terminal-paste').addEventListener('click', paste);
    reconnect.addEventListener('click', function () {
        term.reset();
        connect();
    });

    // the window (a rotated phone, a resized browser) decides the terminal's size; the shell hears of every change
    var pending = null;
    function refit() {
        if (pending) {
            window.cancelAnimationFrame(pending);
        }
        pending = window.requestAnimationFrame(function () {
            pending = null;
            fit.fit();
        });
    }
    window.addEventListener('resize', refit);
    if (window.ResizeObserver) {
        new ResizeObserver(refit).observe(box);
    }
    if (window.visualViewport) {
        window.visualViewport.addEventListener('resize', refit);
    }
    // for tests and curious people: the terminal's size as the shell sees it
    term.onResize(function (size) {
        box.dataset.columns = size.cols;
        box.dataset.rows = size.rows;
    });
    box.dataset.columns = term.cols;
    box.dataset.rows = term.rows;

    connect();
}());
