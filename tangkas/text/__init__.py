"""Text preparation shared by search, extraction and title coding."""
