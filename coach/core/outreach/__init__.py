"""Reaching clients before they reach the counter: early warning, dormant clients, contact plans."""
