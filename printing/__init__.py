"""PDF documents drawn with reportlab: data in, PDF bytes out, no Flask.
Every document embeds a font with Vietnamese glyphs (the built-in Type 1
fonts print "Nguy■n")."""
