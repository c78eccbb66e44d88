"""Department feeds to validated records to `UNWIND` batches (contract §2). See issue 3."""
