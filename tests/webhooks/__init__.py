"""Department webhooks (issue 18): registry, outbox, signing, delivery, the loop."""
