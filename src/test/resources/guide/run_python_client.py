"""Drives the guide's Python client (pma_client.py, copied unchanged from websocket-guide.md).

Usage: run_python_client.py URL TOKEN ENTITY_ID
Prints every received message as "MSG <json>" besides the client's own output, and subscribes to
the entity once the first authentication succeeded, exactly as an application would.
"""
import asyncio
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pma_client import PMAWebSocketClient  # noqa: E402

URL, TOKEN, ENTITY = sys.argv[1:4]


class ObservedClient(PMAWebSocketClient):
    async def handle_message(self, message):
        print("MSG " + json.dumps(message), flush=True)
        await super().handle_message(message)
        if message.get('type') == 'authentication_success' and not self.subscriptions:
            await self.subscribe_to_entity(ENTITY)


asyncio.run(ObservedClient(URL, TOKEN).connect())
