namespace SensorNode.Core.Sensors
{
    /// <summary>
    /// TDK InvenSense MPU-6886 (6-axis IMU on M5Stack boards) used as an accelerometer over I²C, gyroscope in
    /// standby: register map, configuration sequence, FIFO frame layout and decoding. Values from the MPU-6886
    /// datasheet (register map rev 1.1): ACCEL_FS_SEL sensitivities 16384/8192/4096/2048 LSB/g, 1 kHz internal
    /// sample rate with the accelerometer DLPF (A_DLPF_CFG 7: 420 Hz), SMPLRT_DIV, FIFO with accelerometer and
    /// temperature written together (8-byte frames, big-endian), temperature = raw / 326.8 + 25 °C.
    /// The 1 kHz rate limits the usable band to about 400 Hz: the ISO 10–1000 Hz band cannot be covered.
    /// </summary>
    public static class Mpu6886
    {
        public const byte DefaultAddress = 0x68;
        public const byte AlternateAddress = 0x69;

        // Register map.
        public const byte RegSampleRateDivider = 0x19;
        public const byte RegConfig = 0x1A;
        public const byte RegGyroConfig = 0x1B;
        public const byte RegAccelConfig = 0x1C;
        public const byte RegAccelConfig2 = 0x1D;
        public const byte RegFifoEnable = 0x23;
        public const byte RegIntPinConfig = 0x37;
        public const byte RegIntEnable = 0x38;
        public const byte RegIntStatus = 0x3A;
        public const byte RegAccelXOutH = 0x3B;
        public const byte RegTempOutH = 0x41;
        public const byte RegUserControl = 0x6A;
        public const byte RegPowerManagement1 = 0x6B;
        public const byte RegPowerManagement2 = 0x6C;
        public const byte RegFifoCountH = 0x72;
        public const byte RegFifoReadWrite = 0x74;
        public const byte RegWhoAmI = 0x75;

        /// <summary>WHO_AM_I of the MPU-6886.</summary>
        public const byte WhoAmIValue = 0x19;

        // Bit values.
        public const byte PowerClockAuto = 0x01;
        public const byte PowerGyroStandbyXyz = 0x07;
        public const byte ConfigDlpf1kHz = 0x01;
        public const byte AccelDlpf420Hz = 0x07;
        public const byte FifoEnableAccel = 0x08;
        public const byte UserControlFifoEnable = 0x40;
        public const byte UserControlFifoReset = 0x04;
        public const byte IntStatusFifoOverflow = 0x10;

        /// <summary>FIFO size in bytes and bytes per frame (ACCEL X, Y, Z, TEMP as big-endian 16-bit words).</summary>
        public const int FifoSizeBytes = 1024;
        public const int FifoFrameBytes = 8;

        public const int InternalSampleRateHz = 1000;
        public const int MaxOutputDataRateHz = 1000;
        public const int MaxConfigurationBytes = 20;

        /// <summary>ACCEL_FS_SEL: 0 = ±2 g, 1 = ±4 g, 2 = ±8 g, 3 = ±16 g; -1 for other ranges.</summary>
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

        /// <summary>Sensitivity, LSB/g: 16384 (±2 g), 8192, 4096, 2048 (±16 g); 0 if unsupported.</summary>
        public static int LsbPerG(int rangeG)
        {
            int code = RangeCode(rangeG);
            return code < 0 ? 0 : 16384 >> code;
        }

        /// <summary>SMPLRT_DIV for the slowest rate 1000 / (1 + div) that is at least <paramref name="requestedHz"/>
        /// (0 when 1 kHz or more is asked); -1 for a rate ≤ 0.</summary>
        public static int SampleRateDivider(int requestedHz)
        {
            if (requestedHz <= 0)
            {
                return -1;
            }

            int divider = InternalSampleRateHz / requestedHz - 1;
            if (divider < 0)
            {
                return 0;
            }

            return divider > 255 ? 255 : divider;
        }

        public static float OutputDataRateHz(int divider)
        {
            if (divider < 0 || divider > 255)
            {
                return 0f;
            }

            return (float)InternalSampleRateHz / (1 + divider);
        }

        /// <summary>
        /// (register, value) pairs: wake with auto clock, gyroscope in standby, 1 kHz internal rate, divider,
        /// range, accelerometer DLPF 420 Hz, no interrupts, accelerometer into the FIFO, FIFO reset then enabled.
        /// Returns the bytes written, or -1 for an unsupported range or rate.
        /// </summary>
        public static int BuildConfiguration(int rangeG, int outputDataRateHz, byte[] pairs)
        {
            int range = RangeCode(rangeG);
            int divider = SampleRateDivider(outputDataRateHz);
            if (range < 0 || divider < 0 || pairs == null || pairs.Length < MaxConfigurationBytes)
            {
                return -1;
            }

            int n = 0;
            pairs[n++] = RegPowerManagement1; pairs[n++] = PowerClockAuto;
            pairs[n++] = RegPowerManagement2; pairs[n++] = PowerGyroStandbyXyz;
            pairs[n++] = RegConfig; pairs[n++] = ConfigDlpf1kHz;
            pairs[n++] = RegSampleRateDivider; pairs[n++] = (byte)divider;
            pairs[n++] = RegAccelConfig; pairs[n++] = (byte)(range << 3);
            pairs[n++] = RegAccelConfig2; pairs[n++] = AccelDlpf420Hz;
            pairs[n++] = RegIntEnable; pairs[n++] = 0x00;
            pairs[n++] = RegFifoEnable; pairs[n++] = FifoEnableAccel;
            pairs[n++] = RegUserControl; pairs[n++] = UserControlFifoReset;
            pairs[n++] = RegUserControl; pairs[n++] = UserControlFifoEnable;
            return n;
        }

        /// <summary>FIFO byte count from FIFO_COUNTH (bits 4:0) and FIFO_COUNTL.</summary>
        public static int FifoCount(byte high, byte low)
        {
            return ((high & 0x1F) << 8) | low;
        }

        public static bool IsFifoOverflow(byte intStatus)
        {
            return (intStatus & IntStatusFifoOverflow) != 0;
        }

        /// <summary>A big-endian two's-complement 16-bit word.</summary>
        public static int DecodeWord(byte[] raw, int offset)
        {
            return (short)((raw[offset] << 8) | raw[offset + 1]);
        }

        public static float TemperatureC(int raw)
        {
            return raw / 326.8f + 25f;
        }

        /// <summary>Decodes whole 8-byte FIFO frames from <paramref name="bytes"/> bytes at <paramref name="offset"/>
        /// into the axis buffers from <paramref name="index"/>, at most <paramref name="maxFrames"/>; returns the frames decoded.</summary>
        public static int DecodeFifo(byte[] raw, int offset, int bytes, float metresPerSecondSquaredPerLsb,
            float[] x, float[] y, float[] z, int index, int maxFrames)
        {
            int frames = bytes / FifoFrameBytes;
            if (frames > maxFrames)
            {
                frames = maxFrames;
            }

            for (int f = 0; f < frames; f++)
            {
                int at = offset + f * FifoFrameBytes;
                x[index + f] = DecodeWord(raw, at) * metresPerSecondSquaredPerLsb;
                y[index + f] = DecodeWord(raw, at + 2) * metresPerSecondSquaredPerLsb;
                z[index + f] = DecodeWord(raw, at + 4) * metresPerSecondSquaredPerLsb;
            }

            return frames;
        }
    }
}
