using SensorNode.Core.Features;

namespace SensorNode.Core.Queue
{
    /// <summary>
    /// Fixed-size little-endian binary form of a <see cref="MeasurementRecord"/>, used for the RAM slots and the
    /// flash spill of the store-and-forward queue. A byte slot is about a third of the heap a live record object
    /// costs on nanoFramework (every float[3] is its own heap block), and the same bytes go to flash unchanged.
    /// Floats are stored bit-exact; no call allocates.
    /// </summary>
    public static class RecordCodec
    {
        /// <summary>Layout version written in byte 0; bump it when the layout changes.</summary>
        public const byte Version = 1;

        private const int AxisArrays = 18;

        /// <summary>Bytes per record: header 4, seq 4, ts 8, status 4, 18 × 3 floats, 3 zones + pad, 7 floats,
        /// 2 doubles, start count 4.</summary>
        public const int RecordSize = 4 + 4 + 8 + 4 + (AxisArrays * MeasurementRecord.MaxAxes * 4) + 4 + (7 * 4) + (2 * 8) + 4;

        private const int FlagTimeSynced = 1;
        private const int FlagHistorical = 2;
        private const int FlagHasCurrent = 4;
        private const int FlagRunning = 8;

        /// <summary>Writes <paramref name="record"/> at <paramref name="offset"/>; returns the offset after it.</summary>
        public static int Write(MeasurementRecord record, byte[] buffer, int offset)
        {
            int p = offset;
            buffer[p++] = Version;
            int flags = 0;
            if (record.TimeSynced)
            {
                flags |= FlagTimeSynced;
            }

            if (record.Historical)
            {
                flags |= FlagHistorical;
            }

            if (record.HasCurrent)
            {
                flags |= FlagHasCurrent;
            }

            if (record.Running)
            {
                flags |= FlagRunning;
            }

            buffer[p++] = (byte)flags;
            buffer[p++] = (byte)record.AxisCount;
            buffer[p++] = 0;
            p = WriteUInt32(buffer, p, record.Sequence);
            p = WriteInt64(buffer, p, record.TimestampUnixMs);
            p = WriteUInt32(buffer, p, (uint)record.Status);
            p = WriteAxes(buffer, p, record.VelocityRms);
            p = WriteAxes(buffer, p, record.AccelerationRms);
            p = WriteAxes(buffer, p, record.HighFrequencyRms);
            p = WriteAxes(buffer, p, record.Peak);
            p = WriteAxes(buffer, p, record.PeakToPeak);
            p = WriteAxes(buffer, p, record.CrestFactor);
            p = WriteAxes(buffer, p, record.Kurtosis);
            p = WriteAxes(buffer, p, record.Skewness);
            p = WriteAxes(buffer, p, record.Mean);
            p = WriteAxes(buffer, p, record.Order1);
            p = WriteAxes(buffer, p, record.Order2);
            p = WriteAxes(buffer, p, record.Order3);
            p = WriteAxes(buffer, p, record.Bpfo);
            p = WriteAxes(buffer, p, record.Bpfi);
            p = WriteAxes(buffer, p, record.Bsf);
            p = WriteAxes(buffer, p, record.Ftf);
            p = WriteAxes(buffer, p, record.DominantFrequency);
            p = WriteReserved(buffer, p);
            for (int i = 0; i < MeasurementRecord.MaxAxes; i++)
            {
                buffer[p++] = (byte)record.IsoZone[i];
            }

            buffer[p++] = 0;
            p = WriteSingle(buffer, p, record.ShaftSpeedHz);
            p = WriteSingle(buffer, p, record.TemperatureC);
            p = WriteSingle(buffer, p, record.CurrentRms);
            p = WriteSingle(buffer, p, record.CurrentCrestFactor);
            p = WriteSingle(buffer, p, record.LineFrequencyHz);
            p = WriteSingle(buffer, p, record.CurrentThdPercent);
            p = WriteSingle(buffer, p, record.ApparentPowerVa);
            p = WriteInt64(buffer, p, System.BitConverter.DoubleToInt64Bits(record.EnergyKwh));
            p = WriteInt64(buffer, p, System.BitConverter.DoubleToInt64Bits(record.RunHours));
            p = WriteUInt32(buffer, p, (uint)record.StartCount);
            return p;
        }

        /// <summary>Reads a record written by <see cref="Write"/>; false (record untouched) when the version byte does not match.</summary>
        public static bool Read(byte[] buffer, int offset, MeasurementRecord record)
        {
            int p = offset;
            if (buffer[p] != Version)
            {
                return false;
            }

            p++;
            int flags = buffer[p++];
            record.TimeSynced = (flags & FlagTimeSynced) != 0;
            record.Historical = (flags & FlagHistorical) != 0;
            record.HasCurrent = (flags & FlagHasCurrent) != 0;
            record.Running = (flags & FlagRunning) != 0;
            record.AxisCount = buffer[p++];
            p++;
            record.Sequence = ReadUInt32(buffer, p);
            p += 4;
            record.TimestampUnixMs = ReadInt64(buffer, p);
            p += 8;
            record.Status = (int)ReadUInt32(buffer, p);
            p += 4;
            p = ReadAxes(buffer, p, record.VelocityRms);
            p = ReadAxes(buffer, p, record.AccelerationRms);
            p = ReadAxes(buffer, p, record.HighFrequencyRms);
            p = ReadAxes(buffer, p, record.Peak);
            p = ReadAxes(buffer, p, record.PeakToPeak);
            p = ReadAxes(buffer, p, record.CrestFactor);
            p = ReadAxes(buffer, p, record.Kurtosis);
            p = ReadAxes(buffer, p, record.Skewness);
            p = ReadAxes(buffer, p, record.Mean);
            p = ReadAxes(buffer, p, record.Order1);
            p = ReadAxes(buffer, p, record.Order2);
            p = ReadAxes(buffer, p, record.Order3);
            p = ReadAxes(buffer, p, record.Bpfo);
            p = ReadAxes(buffer, p, record.Bpfi);
            p = ReadAxes(buffer, p, record.Bsf);
            p = ReadAxes(buffer, p, record.Ftf);
            p = ReadAxes(buffer, p, record.DominantFrequency);
            p += MeasurementRecord.MaxAxes * 4; // reserved axis block
            for (int i = 0; i < MeasurementRecord.MaxAxes; i++)
            {
                record.IsoZone[i] = buffer[p++];
            }

            p++;
            record.ShaftSpeedHz = ReadSingle(buffer, p);
            p += 4;
            record.TemperatureC = ReadSingle(buffer, p);
            p += 4;
            record.CurrentRms = ReadSingle(buffer, p);
            p += 4;
            record.CurrentCrestFactor = ReadSingle(buffer, p);
            p += 4;
            record.LineFrequencyHz = ReadSingle(buffer, p);
            p += 4;
            record.CurrentThdPercent = ReadSingle(buffer, p);
            p += 4;
            record.ApparentPowerVa = ReadSingle(buffer, p);
            p += 4;
            record.EnergyKwh = System.BitConverter.Int64BitsToDouble(ReadInt64(buffer, p));
            p += 8;
            record.RunHours = System.BitConverter.Int64BitsToDouble(ReadInt64(buffer, p));
            p += 8;
            record.StartCount = (int)ReadUInt32(buffer, p);
            return true;
        }

        /// <summary>Sequence number of the record stored at <paramref name="offset"/>, without decoding the rest.</summary>
        public static uint PeekSequence(byte[] buffer, int offset)
        {
            return ReadUInt32(buffer, offset + 4);
        }

        /// <summary>Sets or clears the historical flag of a stored record in place.</summary>
        public static void SetHistorical(byte[] buffer, int offset, bool historical)
        {
            if (historical)
            {
                buffer[offset + 1] = (byte)(buffer[offset + 1] | FlagHistorical);
            }
            else
            {
                buffer[offset + 1] = (byte)(buffer[offset + 1] & ~FlagHistorical);
            }
        }

        /// <summary>IEEE-754 single-precision bits of <paramref name="value"/>. nanoFramework has no
        /// SingleToInt32Bits and BitConverter.GetBytes allocates, so the bits come from the (exact) double.</summary>
        public static uint SingleToBits(float value)
        {
            long d = System.BitConverter.DoubleToInt64Bits(value);
            uint sign = (uint)((d >> 32) & 0x80000000L);
            int exponent = (int)((d >> 52) & 0x7FF);
            long mantissa = d & 0xFFFFFFFFFFFFFL;
            if (exponent == 0x7FF)
            {
                // Infinity keeps a zero mantissa; any NaN becomes the quiet NaN with its top payload bits.
                uint m = (uint)(mantissa >> 29);
                if (mantissa != 0 && m == 0)
                {
                    m = 0x400000;
                }

                return sign | 0x7F800000u | m;
            }

            if (exponent == 0)
            {
                // Only ±0 reaches here: a float has no value small enough to be a double subnormal.
                return sign;
            }

            int e = exponent - 1023 + 127;
            if (e <= 0)
            {
                // A float subnormal: shift the implicit 1 into the mantissa.
                long full = mantissa | 0x10000000000000L;
                return sign | (uint)(full >> (29 + 1 - e));
            }

            return sign | ((uint)e << 23) | (uint)(mantissa >> 29);
        }

        /// <summary>The float whose IEEE-754 single-precision bits are <paramref name="bits"/>.</summary>
        public static float BitsToSingle(uint bits)
        {
            long sign = ((long)(bits & 0x80000000u)) << 32;
            int e = (int)((bits >> 23) & 0xFF);
            long m = bits & 0x7FFFFF;
            if (e == 0xFF)
            {
                return (float)System.BitConverter.Int64BitsToDouble(sign | 0x7FF0000000000000L | (m << 29));
            }

            if (e == 0)
            {
                if (m == 0)
                {
                    return (float)System.BitConverter.Int64BitsToDouble(sign);
                }

                // Normalise the subnormal: find its leading one.
                int shift = 0;
                while ((m & 0x800000) == 0)
                {
                    m <<= 1;
                    shift++;
                }

                m &= 0x7FFFFF;
                long exp = 1 - 127 - shift + 1023;
                return (float)System.BitConverter.Int64BitsToDouble(sign | (exp << 52) | (m << 29));
            }

            long de = e - 127 + 1023;
            return (float)System.BitConverter.Int64BitsToDouble(sign | (de << 52) | (m << 29));
        }

        internal static int WriteUInt32(byte[] b, int p, uint v)
        {
            b[p] = (byte)v;
            b[p + 1] = (byte)(v >> 8);
            b[p + 2] = (byte)(v >> 16);
            b[p + 3] = (byte)(v >> 24);
            return p + 4;
        }

        internal static uint ReadUInt32(byte[] b, int p)
        {
            return (uint)b[p] | ((uint)b[p + 1] << 8) | ((uint)b[p + 2] << 16) | ((uint)b[p + 3] << 24);
        }

        private static int WriteInt64(byte[] b, int p, long v)
        {
            WriteUInt32(b, p, (uint)v);
            WriteUInt32(b, p + 4, (uint)(v >> 32));
            return p + 8;
        }

        private static long ReadInt64(byte[] b, int p)
        {
            return (long)ReadUInt32(b, p) | ((long)ReadUInt32(b, p + 4) << 32);
        }

        private static int WriteSingle(byte[] b, int p, float v)
        {
            return WriteUInt32(b, p, SingleToBits(v));
        }

        private static float ReadSingle(byte[] b, int p)
        {
            return BitsToSingle(ReadUInt32(b, p));
        }

        private static int WriteAxes(byte[] b, int p, float[] values)
        {
            for (int i = 0; i < MeasurementRecord.MaxAxes; i++)
            {
                p = WriteSingle(b, p, values[i]);
            }

            return p;
        }

        // The 18th axis block is reserved for a future per-axis feature; it is written as zeros so that adding
        // one does not change the record size or the flash format.
        private static int WriteReserved(byte[] b, int p)
        {
            for (int i = 0; i < MeasurementRecord.MaxAxes * 4; i++)
            {
                b[p + i] = 0;
            }

            return p + (MeasurementRecord.MaxAxes * 4);
        }

        private static int ReadAxes(byte[] b, int p, float[] values)
        {
            for (int i = 0; i < MeasurementRecord.MaxAxes; i++)
            {
                values[i] = ReadSingle(b, p);
                p += 4;
            }

            return p;
        }
    }
}
