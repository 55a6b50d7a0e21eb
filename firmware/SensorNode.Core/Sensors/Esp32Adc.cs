namespace SensorNode.Core.Sensors
{
    /// <summary>
    /// nanoFramework's logical ADC channel numbers (what <c>AdcController.OpenChannel</c> takes) and the GPIO behind
    /// each, per chip (nf-interpreter targets/ESP32/_common/ESP32_DeviceMapping.cpp and ESP32_S3_DeviceMapping.cpp).
    /// Channels 10–19 are ADC2, which ESP-IDF shares with the Wi-Fi radio: reads fail while Wi-Fi is on, so a CT
    /// clamp must sit on an ADC1 channel (0–9) on any board that uses Wi-Fi.
    /// </summary>
    public static class Esp32Adc
    {
        public const string ChipEsp32 = "esp32";
        public const string ChipEsp32S3 = "esp32s3";

        public const int ChannelCount = 20;
        public const int FirstAdc2Channel = 10;

        /// <summary>The raw code range of the ESP32 one-shot driver: 12 bits, attenuation fixed at 12 dB.</summary>
        public const int MaxCode = 4095;

        // ESP32: 0..7 = ADC1 on GPIO 36, 37, 38, 39, 32, 33, 34, 35; 8 = internal temperature, 9 = former Hall
        // sensor (no pin); 10..19 = ADC2 on GPIO 4, 0, 2, 15, 13, 12, 14, 27, 25, 26.
        private static readonly int[] Esp32Gpio = { 36, 37, 38, 39, 32, 33, 34, 35, -1, -1, 4, 0, 2, 15, 13, 12, 14, 27, 25, 26 };

        /// <summary>True for ADC2 channels (unusable while Wi-Fi is on).</summary>
        public static bool IsAdc2Channel(int channel)
        {
            return channel >= FirstAdc2Channel && channel < ChannelCount;
        }

        /// <summary>GPIO of a logical channel; -1 for an unknown chip, a channel out of range or one without a pin.
        /// ESP32-S3: ADC1 channel n is GPIO n + 1 (GPIO 1–10), ADC2 channel n is GPIO n + 1 (GPIO 11–20).</summary>
        public static int GpioOfChannel(string chip, int channel)
        {
            if (channel < 0 || channel >= ChannelCount)
            {
                return -1;
            }

            if (chip == ChipEsp32)
            {
                return Esp32Gpio[channel];
            }

            if (chip == ChipEsp32S3)
            {
                return channel + 1;
            }

            return -1;
        }

        /// <summary>Logical channel of a GPIO, or -1 when the pin has no ADC on that chip.</summary>
        public static int ChannelOfGpio(string chip, int gpio)
        {
            if (gpio < 0)
            {
                return -1;
            }

            for (int channel = 0; channel < ChannelCount; channel++)
            {
                if (GpioOfChannel(chip, channel) == gpio)
                {
                    return channel;
                }
            }

            return -1;
        }
    }
}
