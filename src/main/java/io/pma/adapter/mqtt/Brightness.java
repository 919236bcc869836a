package io.pma.adapter.mqtt;

/**
 * Converts between PMA's brightness (0-255, as in Home Assistant) and a device's
 * {@code brightness_scale} (zigbee2mqtt uses 254, some devices 100).
 */
record Brightness(int scale) {

  /** Device value → 0-255. */
  int fromDevice(double value) {
    long scaled = Math.round(value * 255 / scale);
    return (int) Math.max(0, Math.min(255, scaled));
  }

  /** 0-255 → device value; any non-zero brightness stays at least 1. */
  int toDevice(int brightness) {
    long scaled = Math.min(scale, Math.round(brightness * (double) scale / 255));
    return (int) (brightness > 0 ? Math.max(1, scaled) : 0);
  }
}
