"""The supervisor's desk: tracking log, end of day, dashboard, audit, send-back."""
