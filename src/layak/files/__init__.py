"""Files people upload and download, the same way for every app: judged by content (inspect,
pdfscan, officescan), named by the refusal they break (refusals), kept under names Layak chooses
(storage, models.StoredFile), let in by one pre-check (uploads) and served by one private
download response (download). Below every domain app: it imports none of them."""
