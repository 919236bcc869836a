import asyncio
import websockets
import json

class PMAWebSocketClient:
    def __init__(self, url, token=None):
        self.url = url
        self.token = token
        self.ws = None
        self.subscriptions = set()

    async def connect(self):
        while True:
            try:
                async with websockets.connect(self.url) as ws:
                    self.ws = ws
                    print("Connected to PMA Backend")
                    
                    if self.token:
                        await self.authenticate()
                    
                    await self.resubscribe()

                    async for message in self.ws:
                        await self.handle_message(json.loads(message))
            except websockets.exceptions.ConnectionClosed:
                print("Connection closed, reconnecting in 5s...")
                await asyncio.sleep(5)

    async def send(self, msg_type, data):
        if self.ws:
            await self.ws.send(json.dumps({'type': msg_type, 'data': data}))

    async def authenticate(self):
        await self.send('authenticate', {'token': self.token})

    async def subscribe_to_entity(self, entity_id):
        topic = f"entity_updates:{entity_id}"
        self.subscriptions.add(topic)
        await self.send('subscribe', {'topics': [topic]})
        
    async def resubscribe(self):
        if self.subscriptions:
            await self.send('subscribe', {'topics': list(self.subscriptions)})

    async def handle_message(self, message):
        msg_type = message.get('type')
        if msg_type == 'pma_entity_state_changed':
            print(f"Entity {message['data']['entity_id']} changed state.")
