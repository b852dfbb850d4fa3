"""The PySide6 window. It adapts the core's services for people; it computes nothing."""
