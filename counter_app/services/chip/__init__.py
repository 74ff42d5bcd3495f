"""The ID card's chip: PC/SC readers, the card read with its keys, the portrait kept."""
