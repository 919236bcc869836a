"""Polls URL every 10 ms until it answers 200; prints the time of that answer (ns since the epoch).

Usage: poll-ready.py URL PID SECONDS. Exits 1 when PID is gone or SECONDS pass first. Used by
smoke-test.sh to time a start without starting a process per poll.
"""
import os
import sys
import time
import urllib.request

url, pid, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                print(time.time_ns())
                sys.exit(0)
    except OSError:
        pass  # not listening yet, or 503 while adapters connect
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)
    time.sleep(0.01)
sys.exit(1)
