"""gifts"""
