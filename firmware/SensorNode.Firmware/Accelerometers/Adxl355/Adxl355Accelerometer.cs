using System;
using System.Device.Spi;
using System.Threading;
using SensorNode.Core.Hardware;
using SensorNode.Core.Sensors;
using Chip = SensorNode.Core.Sensors.Adxl355;

namespace SensorNode.Firmware.Accelerometers.Adxl355
{
    /// <summary>
    /// ADXL355 over SPI (mode 0, ≤ 10 MHz). The FIFO (96 axis entries) is read in one transaction per poll: the
    /// address does not auto-increment at FIFO_DATA, so N×3 bytes pop N entries. Entries are decoded by
    /// <see cref="Chip.DecodeFifo"/>, which aligns frames on the x-axis marker; the one or two entries of a frame
    /// still being written are carried to the next poll. Allocation-free after construction.
    /// </summary>
    public sealed class Adxl355Accelerometer : IAccelerometer
    {
        // Half the FIFO (16 X/Y/Z frames) as watermark.
        private const int WatermarkEntries = 48;
        private const int MaxRestarts = 3;
        private const int CarryMaxEntries = Chip.FrameEntries - 1;

        private readonly SpiDevice _spi;
        private readonly byte[] _write = new byte[1 + Chip.FifoEntriesMax * Chip.EntryBytes];
        private readonly byte[] _read = new byte[1 + Chip.FifoEntriesMax * Chip.EntryBytes];
        private readonly byte[] _work = new byte[(Chip.FifoEntriesMax + CarryMaxEntries) * Chip.EntryBytes];
        private readonly byte[] _statusWrite = new byte[3];
        private readonly byte[] _statusRead = new byte[3];
        private readonly byte[] _registerWrite = new byte[2];
        private readonly byte[] _registerRead = new byte[2];
        private readonly byte[] _configuration = new byte[Chip.MaxConfigurationBytes];
        private float _scale;
        private float _rateHz;
        private bool _configured;
        private int _carry;

        public Adxl355Accelerometer(int busId, int chipSelectPin, int clockHz)
        {
            var settings = new SpiConnectionSettings(busId, chipSelectPin);
            settings.Mode = SpiMode.Mode0;
            settings.DataFlow = DataFlow.MsbFirst;
            settings.ClockFrequency = clockHz > Chip.MaxSpiClockHz ? Chip.MaxSpiClockHz : clockHz;
            _spi = SpiDevice.Create(settings);
            _write[0] = Chip.ReadCommand(Chip.RegFifoData);
            _statusWrite[0] = Chip.ReadCommand(Chip.RegStatus);
        }

        public float SampleRateHz => _rateHz;

        public bool Configure(int rangeG, int outputDataRateHz)
        {
            _configured = false;
            try
            {
                if (ReadRegister(Chip.RegDevIdAd) != Chip.AnalogDevicesId || ReadRegister(Chip.RegPartId) != Chip.PartIdValue)
                {
                    return false;
                }

                int length = Chip.BuildConfiguration(rangeG, outputDataRateHz, WatermarkEntries, _configuration);
                if (length < 0)
                {
                    return false;
                }

                for (int i = 0; i < length; i += 2)
                {
                    WriteRegister(_configuration[i], _configuration[i + 1]);
                }

                _scale = Gravity.MetresPerSecondSquaredPerLsb(Chip.LsbPerG(rangeG));
                _rateHz = Chip.OutputDataRateHz(Chip.RateCode(outputDataRateHz));
                _configured = true;
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public int ReadBurst(float[] x, float[] y, float[] z, int count)
        {
            if (!_configured || count <= 0 || count > x.Length || count > y.Length || count > z.Length)
            {
                return 0;
            }

            try
            {
                for (int attempt = 0; attempt <= MaxRestarts; attempt++)
                {
                    int read = TryBurst(x, y, z, count);
                    if (read >= 0)
                    {
                        return read;
                    }
                }
            }
            catch (Exception)
            {
                // A bus error is a failed read; the runtime reports the sensor and keeps the other channels going.
            }

            return 0;
        }

        /// <summary>One contiguous burst; -1 on an overrun or a lost entry, else the samples read (fewer on a timeout).</summary>
        private int TryBurst(float[] x, float[] y, float[] z, int count)
        {
            // Drain what is queued so the window starts now; a frame cut by the drain is skipped by the decoder.
            int queued = ReadStatus(out bool overrun);
            if (queued > 0)
            {
                ReadFifo(queued);
            }

            _carry = 0;
            long timeoutAt = Environment.TickCount64 + 100 + (long)(2000f * count / _rateHz);
            int filled = 0;
            while (filled < count)
            {
                int entries = ReadStatus(out overrun);
                if (overrun)
                {
                    return -1;
                }

                if (entries < Chip.FrameEntries)
                {
                    if (Environment.TickCount64 > timeoutAt)
                    {
                        return filled;
                    }

                    if (_rateHz < 1000f)
                    {
                        Thread.Sleep(1);
                    }

                    continue;
                }

                ReadFifo(entries);
                Array.Copy(_read, 1, _work, _carry * Chip.EntryBytes, entries * Chip.EntryBytes);
                int total = _carry + entries;
                int frames = Chip.DecodeFifo(_work, 0, total, _scale, x, y, z, filled, count - filled, out int consumed, out int skipped);
                if (skipped > 0 && filled > 0)
                {
                    return -1;
                }

                filled += frames;
                int left = total - consumed;
                if (filled < count && left > CarryMaxEntries)
                {
                    return -1;
                }

                // Keep the start of a frame whose other axes are still in the FIFO (at most 2 entries, 6 bytes).
                _carry = left > CarryMaxEntries ? 0 : left;
                for (int i = 0; i < _carry * Chip.EntryBytes; i++)
                {
                    _work[i] = _work[consumed * Chip.EntryBytes + i];
                }
            }

            return filled;
        }

        /// <summary>STATUS and FIFO_ENTRIES in one read; returns the entries waiting.</summary>
        private int ReadStatus(out bool overrun)
        {
            _spi.TransferFullDuplex(_statusWrite, _statusRead);
            overrun = (_statusRead[1] & Chip.StatusFifoOverrun) != 0;
            int entries = Chip.FifoEntries(_statusRead[2]);

            // More than the FIFO holds means the bus returned garbage (e.g. MISO floating high).
            return entries > Chip.FifoEntriesMax ? Chip.FifoEntriesMax : entries;
        }

        private void ReadFifo(int entries)
        {
            int length = 1 + entries * Chip.EntryBytes;
            _spi.TransferFullDuplex(new SpanByte(_write, 0, length), new SpanByte(_read, 0, length));
        }

        private byte ReadRegister(byte register)
        {
            _registerWrite[0] = Chip.ReadCommand(register);
            _registerWrite[1] = 0;
            _spi.TransferFullDuplex(_registerWrite, _registerRead);
            return _registerRead[1];
        }

        private void WriteRegister(byte register, byte value)
        {
            _registerWrite[0] = Chip.WriteCommand(register);
            _registerWrite[1] = value;
            _spi.Write(_registerWrite);
        }
    }
}
