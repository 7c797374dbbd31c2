"""awards"""
