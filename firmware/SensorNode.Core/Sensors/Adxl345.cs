namespace SensorNode.Core.Sensors
{
    /// <summary>
    /// Analog Devices ADXL345 (3-axis, 13-bit, ±2/4/8/16 g) over 4-wire SPI: register map, configuration
    /// sequence, FIFO status and sample decoding. Values from the ADXL345 datasheet (Rev. G): register map
    /// (Table 19), BW_RATE codes (Table 7), DATA_FORMAT and FIFO_CTL bit layouts, sensitivity table.
    /// The device layer only moves the bytes these functions describe.
    /// </summary>
    public static class Adxl345
    {
        // Register map.
        public const byte RegDevId = 0x00;
        public const byte RegBwRate = 0x2C;
        public const byte RegPowerCtl = 0x2D;
        public const byte RegIntEnable = 0x2E;
        public const byte RegIntMap = 0x2F;
        public const byte RegIntSource = 0x30;
        public const byte RegDataFormat = 0x31;
        public const byte RegDataX0 = 0x32;
        public const byte RegFifoCtl = 0x38;
        public const byte RegFifoStatus = 0x39;

        /// <summary>DEVID always reads 0xE5 (345 octal).</summary>
        public const byte DeviceId = 0xE5;

        // SPI command byte: bit 7 = read, bit 6 = multi-byte (address auto-increment).
        public const byte SpiRead = 0x80;
        public const byte SpiMultiByte = 0x40;

        // POWER_CTL bits.
        public const byte PowerCtlMeasure = 0x08;

        // DATA_FORMAT bits: FULL_RES keeps 3.9 mg/LSB at every range; range in D1:D0.
        public const byte DataFormatFullRes = 0x08;
        public const byte DataFormatJustify = 0x04;

        // FIFO_CTL: mode in D7:D6, samples (watermark) in D4:D0.
        public const byte FifoModeBypass = 0x00;
        public const byte FifoModeFifo = 0x40;
        public const byte FifoModeStream = 0x80;
        public const byte FifoModeTrigger = 0xC0;

        // INT_SOURCE bits (set whether or not the interrupt is enabled).
        public const byte IntDataReady = 0x80;
        public const byte IntWatermark = 0x02;
        public const byte IntOverrun = 0x01;

        /// <summary>FIFO depth; FIFO_STATUS can report one more (the sample waiting in the data registers).</summary>
        public const int FifoDepth = 32;
        public const int FifoEntriesWhenFull = 33;

        /// <summary>Bytes of one X/Y/Z frame (DATAX0..DATAZ1), little-endian two's complement.</summary>
        public const int FrameBytes = 6;

        /// <summary>One SPI transaction reads one FIFO entry: the command byte, then 6 data bytes.
        /// The FIFO pops only between transactions (chip select released), so frames cannot be chained.</summary>
        public const int FrameTransactionBytes = 1 + FrameBytes;

        /// <summary>Command byte that reads DATAX0..DATAZ1 in one multi-byte transaction.</summary>
        public const byte ReadDataCommand = SpiRead | SpiMultiByte | RegDataX0;

        /// <summary>Datasheet limit: 5 MHz SPI clock; at 1600 and 3200 Hz ODR it should be at least 2 MHz.</summary>
        public const int MaxSpiClockHz = 5000000;
        public const int MinSpiClockHzAtHighRates = 2000000;

        /// <summary>Highest output data rate (BW_RATE code 0xF): 3200 Hz, bandwidth 1600 Hz.</summary>
        public const int MaxOutputDataRateHz = 3200;

        public const int MaxConfigurationBytes = 14;

        /// <summary>Sensitivity in LSB per g. Full resolution: 256 LSB/g at every range (3.9 mg/LSB).
        /// 10-bit mode: 256, 128, 64, 32 LSB/g at ±2, ±4, ±8, ±16 g. 0 for an unsupported range.</summary>
        public static int LsbPerG(int rangeG, bool fullResolution)
        {
            int code = RangeCode(rangeG);
            if (code < 0)
            {
                return 0;
            }

            return fullResolution ? 256 : 256 >> code;
        }

        /// <summary>DATA_FORMAT range bits: 0 = ±2 g, 1 = ±4 g, 2 = ±8 g, 3 = ±16 g; -1 for anything else.</summary>
        public static int RangeCode(int rangeG)
        {
            switch (rangeG)
            {
                case 2: return 0;
                case 4: return 1;
                case 8: return 2;
                case 16: return 3;
                default: return -1;
            }
        }

        /// <summary>The BW_RATE rate code (6..15: 6.25 Hz .. 3200 Hz) of the slowest data rate that is at least
        /// <paramref name="requestedHz"/>; 15 (3200 Hz) when more is asked. -1 for a rate ≤ 0.</summary>
        public static int RateCode(int requestedHz)
        {
            if (requestedHz <= 0)
            {
                return -1;
            }

            for (int code = 6; code <= 15; code++)
            {
                if (OutputDataRateHz(code) >= requestedHz)
                {
                    return code;
                }
            }

            return 15;
        }

        /// <summary>Output data rate of a BW_RATE code: 3200 Hz / 2^(15 - code). Bandwidth is half of it.</summary>
        public static float OutputDataRateHz(int rateCode)
        {
            if (rateCode < 0 || rateCode > 15)
            {
                return 0f;
            }

            return 3200f / (1 << (15 - rateCode));
        }

        /// <summary>
        /// The register writes that put the device into measurement with full resolution, the range, the rate
        /// and the FIFO in stream mode with the given watermark, as (register, value) pairs in
        /// <paramref name="pairs"/>. Standby first, FIFO cleared through bypass, measurement last.
        /// Returns the number of bytes written (a multiple of 2), or -1 for an unsupported range, rate or watermark.
        /// </summary>
        public static int BuildConfiguration(int rangeG, int outputDataRateHz, int watermark, byte[] pairs)
        {
            int range = RangeCode(rangeG);
            int rate = RateCode(outputDataRateHz);
            if (range < 0 || rate < 0 || watermark < 1 || watermark > 31 || pairs == null || pairs.Length < MaxConfigurationBytes)
            {
                return -1;
            }

            int n = 0;
            pairs[n++] = RegPowerCtl; pairs[n++] = 0x00;
            pairs[n++] = RegDataFormat; pairs[n++] = (byte)(DataFormatFullRes | range);
            pairs[n++] = RegBwRate; pairs[n++] = (byte)rate;
            pairs[n++] = RegIntEnable; pairs[n++] = 0x00;
            pairs[n++] = RegFifoCtl; pairs[n++] = FifoModeBypass;
            pairs[n++] = RegFifoCtl; pairs[n++] = (byte)(FifoModeStream | watermark);
            pairs[n++] = RegPowerCtl; pairs[n++] = PowerCtlMeasure;
            return n;
        }

        /// <summary>Number of entries reported by FIFO_STATUS (bits 5:0).</summary>
        public static int FifoEntries(byte fifoStatus)
        {
            return fifoStatus & 0x3F;
        }

        /// <summary>True when FIFO_STATUS says the FIFO and the data registers are full: the next sample
        /// overwrites an unread one, so a burst in progress is no longer contiguous.</summary>
        public static bool IsFifoFull(byte fifoStatus)
        {
            return FifoEntries(fifoStatus) >= FifoEntriesWhenFull;
        }

        /// <summary>One axis from two bytes, low byte first (right-justified, sign-extended by the device).</summary>
        public static int DecodeAxis(byte[] raw, int offset)
        {
            return (short)(raw[offset] | (raw[offset + 1] << 8));
        }

        /// <summary>Decodes one X/Y/Z frame at <paramref name="offset"/> into index <paramref name="index"/>
        /// of the axis buffers, scaled by <paramref name="metresPerSecondSquaredPerLsb"/>.</summary>
        public static void DecodeFrame(byte[] raw, int offset, float metresPerSecondSquaredPerLsb, float[] x, float[] y, float[] z, int index)
        {
            x[index] = DecodeAxis(raw, offset) * metresPerSecondSquaredPerLsb;
            y[index] = DecodeAxis(raw, offset + 2) * metresPerSecondSquaredPerLsb;
            z[index] = DecodeAxis(raw, offset + 4) * metresPerSecondSquaredPerLsb;
        }
    }
}
