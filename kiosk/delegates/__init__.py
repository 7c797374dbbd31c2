"""delegates"""
