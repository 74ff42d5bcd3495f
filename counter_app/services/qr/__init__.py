"""Reading QR codes from images (zxing-cpp, zbar) and picking the ID card among them."""
