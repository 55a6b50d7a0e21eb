namespace SensorNode.Core.Sensors
{
    /// <summary>
    /// Analog Devices ADXL355 (3-axis, 20-bit, ±2.048/4.096/8.192 g, 22.5 µg/√Hz) over SPI: register map,
    /// configuration sequence, 20-bit decoding and the FIFO entry layout. Values from the ADXL355 datasheet
    /// (Rev. A): register map, FILTER (ODR_LPF) codes, RANGE codes, sensitivity 256 000 / 128 000 / 64 000 LSB/g,
    /// FIFO of 96 entries of 3 bytes with the x-axis marker (bit 0) and empty indicator (bit 1).
    /// </summary>
    public static class Adxl355
    {
        // Register map.
        public const byte RegDevIdAd = 0x00;
        public const byte RegDevIdMst = 0x01;
        public const byte RegPartId = 0x02;
        public const byte RegStatus = 0x04;
        public const byte RegFifoEntries = 0x05;
        public const byte RegTemp2 = 0x06;
        public const byte RegTemp1 = 0x07;
        public const byte RegXData3 = 0x08;
        public const byte RegFifoData = 0x11;
        public const byte RegFilter = 0x28;
        public const byte RegFifoSamples = 0x29;
        public const byte RegIntMap = 0x2A;
        public const byte RegSync = 0x2B;
        public const byte RegRange = 0x2C;
        public const byte RegPowerCtl = 0x2D;
        public const byte RegReset = 0x2F;

        public const byte AnalogDevicesId = 0xAD;
        public const byte MemsId = 0x1D;
        public const byte PartIdValue = 0xED;

        /// <summary>Writing this code to RESET resets the device like a power cycle.</summary>
        public const byte ResetCode = 0x52;

        // STATUS bits.
        public const byte StatusDataReady = 0x01;
        public const byte StatusFifoFull = 0x02;
        public const byte StatusFifoOverrun = 0x04;

        // POWER_CTL bits: STANDBY is set at power-on; clearing it starts measurement.
        public const byte PowerCtlStandby = 0x01;
        public const byte PowerCtlTempOff = 0x02;
        public const byte PowerCtlDrdyOff = 0x04;

        /// <summary>RANGE bit 7 (I2C high speed) is set at power-on; kept as it is.</summary>
        public const byte RangeI2cHighSpeed = 0x80;

        /// <summary>FIFO capacity in entries (one entry = one axis of one sample; 32 X/Y/Z frames).</summary>
        public const int FifoEntriesMax = 96;
        public const int EntryBytes = 3;
        public const int FrameEntries = 3;

        // Bits in the third (least significant) byte of a FIFO entry.
        public const byte EntryXAxisMarker = 0x01;
        public const byte EntryEmpty = 0x02;

        /// <summary>Temperature: 1885 LSB at 25 °C, -9.05 LSB/°C (datasheet nominal values).</summary>
        public const float TemperatureInterceptLsb = 1885f;
        public const float TemperatureSlopeLsbPerC = -9.05f;

        public const int MaxSpiClockHz = 10000000;
        public const int MaxOutputDataRateHz = 4000;
        public const int MaxConfigurationBytes = 12;

        /// <summary>SPI command byte: register address in bits 7:1, bit 0 = 1 for read. Multi-byte reads
        /// auto-increment the address, except at FIFO_DATA, which pops the next entry on every 3 bytes.</summary>
        public static byte ReadCommand(byte register)
        {
            return (byte)((register << 1) | 1);
        }

        public static byte WriteCommand(byte register)
        {
            return (byte)(register << 1);
        }

        /// <summary>RANGE bits 1:0: 1 = ±2.048 g, 2 = ±4.096 g, 3 = ±8.192 g; -1 for other ranges.</summary>
        public static int RangeCode(int rangeG)
        {
            switch (rangeG)
            {
                case 2: return 1;
                case 4: return 2;
                case 8: return 3;
                default: return -1;
            }
        }

        /// <summary>Sensitivity, LSB/g: 256 000 (±2 g), 128 000 (±4 g), 64 000 (±8 g); 0 if unsupported.</summary>
        public static int LsbPerG(int rangeG)
        {
            int code = RangeCode(rangeG);
            return code < 0 ? 0 : 512000 >> code;
        }

        /// <summary>Output data rate of a FILTER ODR_LPF code 0..10: 4000 Hz / 2^code. The low-pass corner is ODR/4.</summary>
        public static float OutputDataRateHz(int odrCode)
        {
            if (odrCode < 0 || odrCode > 10)
            {
                return 0f;
            }

            return 4000f / (1 << odrCode);
        }

        /// <summary>ODR_LPF code of the slowest rate that is at least <paramref name="requestedHz"/>; 0 (4 kHz) when
        /// more is asked; -1 for a rate ≤ 0.</summary>
        public static int RateCode(int requestedHz)
        {
            if (requestedHz <= 0)
            {
                return -1;
            }

            for (int code = 10; code >= 0; code--)
            {
                if (OutputDataRateHz(code) >= requestedHz)
                {
                    return code;
                }
            }

            return 0;
        }

        /// <summary>
        /// (register, value) pairs: standby, range, ODR (high-pass off), FIFO watermark, no interrupt pins, then
        /// measurement with the temperature sensor on. Returns the bytes written, or -1 for an unsupported range,
        /// rate or watermark (1..96 entries, a multiple of 3 so the watermark falls on whole X/Y/Z frames).
        /// </summary>
        public static int BuildConfiguration(int rangeG, int outputDataRateHz, int watermarkEntries, byte[] pairs)
        {
            int range = RangeCode(rangeG);
            int rate = RateCode(outputDataRateHz);
            if (range < 0 || rate < 0 || watermarkEntries < FrameEntries || watermarkEntries > FifoEntriesMax
                || watermarkEntries % FrameEntries != 0 || pairs == null || pairs.Length < MaxConfigurationBytes)
            {
                return -1;
            }

            int n = 0;
            pairs[n++] = RegPowerCtl; pairs[n++] = PowerCtlStandby;
            pairs[n++] = RegRange; pairs[n++] = (byte)(RangeI2cHighSpeed | range);
            pairs[n++] = RegFilter; pairs[n++] = (byte)rate;
            pairs[n++] = RegFifoSamples; pairs[n++] = (byte)watermarkEntries;
            pairs[n++] = RegIntMap; pairs[n++] = 0x00;
            pairs[n++] = RegPowerCtl; pairs[n++] = 0x00;
            return n;
        }

        /// <summary>FIFO_ENTRIES bits 6:0: entries (axis values) waiting in the FIFO.</summary>
        public static int FifoEntries(byte fifoEntriesRegister)
        {
            return fifoEntriesRegister & 0x7F;
        }

        /// <summary>One axis from 3 bytes (DATA3 = bits 19:12, DATA2 = 11:4, DATA1 bits 7:4 = 3:0), sign-extended
        /// from 20 bits. The low nibble of the third byte (FIFO marker bits) is ignored.</summary>
        public static int DecodeAxis(byte[] raw, int offset)
        {
            int value = (raw[offset] << 12) | (raw[offset + 1] << 4) | (raw[offset + 2] >> 4);
            if ((value & 0x80000) != 0)
            {
                value -= 0x100000;
            }

            return value;
        }

        /// <summary>Temperature, °C, from TEMP2 (bits 3:0 = high nibble of the 12-bit value) and TEMP1.</summary>
        public static float TemperatureC(byte temp2, byte temp1)
        {
            int raw = ((temp2 & 0x0F) << 8) | temp1;
            return 25f + (raw - TemperatureInterceptLsb) / TemperatureSlopeLsbPerC;
        }

        /// <summary>
        /// Decodes FIFO entries read in one burst from FIFO_DATA (<paramref name="entries"/> × 3 bytes from
        /// <paramref name="offset"/>) into X/Y/Z frames starting at <paramref name="index"/>, at most
        /// <paramref name="maxFrames"/>. A frame starts at an entry carrying the x-axis marker; entries before it
        /// (a frame cut by an earlier read or an overrun) are skipped and counted in <paramref name="skippedEntries"/>.
        /// An empty-flagged entry or a marker where Y or Z belongs ends decoding. <paramref name="entriesConsumed"/>
        /// is the number of entries up to the end of the last complete frame. Returns the frames decoded.
        /// </summary>
        public static int DecodeFifo(byte[] raw, int offset, int entries, float metresPerSecondSquaredPerLsb,
            float[] x, float[] y, float[] z, int index, int maxFrames, out int entriesConsumed, out int skippedEntries)
        {
            entriesConsumed = 0;
            skippedEntries = 0;
            int frames = 0;
            int e = 0;
            while (e < entries && frames < maxFrames)
            {
                int at = offset + e * EntryBytes;
                byte flags = raw[at + 2];
                if ((flags & EntryEmpty) != 0)
                {
                    break;
                }

                if ((flags & EntryXAxisMarker) == 0)
                {
                    skippedEntries++;
                    e++;
                    entriesConsumed = e;
                    continue;
                }

                if (e + FrameEntries > entries)
                {
                    break;
                }

                byte yFlags = raw[at + EntryBytes + 2];
                byte zFlags = raw[at + 2 * EntryBytes + 2];
                if (((yFlags | zFlags) & (EntryXAxisMarker | EntryEmpty)) != 0)
                {
                    break;
                }

                x[index + frames] = DecodeAxis(raw, at) * metresPerSecondSquaredPerLsb;
                y[index + frames] = DecodeAxis(raw, at + EntryBytes) * metresPerSecondSquaredPerLsb;
                z[index + frames] = DecodeAxis(raw, at + 2 * EntryBytes) * metresPerSecondSquaredPerLsb;
                frames++;
                e += FrameEntries;
                entriesConsumed = e;
            }

            return frames;
        }
    }
}
