using System;
using System.Device.Spi;
using System.Threading;
using SensorNode.Core.Hardware;
using SensorNode.Core.Sensors;
using Chip = SensorNode.Core.Sensors.Adxl345;

namespace SensorNode.Firmware.Accelerometers.Adxl345
{
    /// <summary>
    /// ADXL345 over 4-wire SPI (mode 3, ≤ 5 MHz) with the FIFO in stream mode. A burst drains the FIFO one entry per
    /// SPI transaction (the FIFO pops only when chip select is released) into the caller's buffers; the register
    /// values, frame layout and scaling come from <see cref="Chip"/>. Allocation-free after construction.
    /// </summary>
    public sealed class Adxl345Accelerometer : IAccelerometer
    {
        // Half the FIFO: leaves 16 samples (5 ms at 3200 Hz) of slack before an overrun.
        private const int Watermark = 16;

        // A burst restarts when the FIFO overran (the window would not be contiguous); after this many, the read fails.
        private const int MaxRestarts = 3;

        private readonly SpiDevice _spi;
        private readonly byte[] _frameWrite = new byte[Chip.FrameTransactionBytes];
        private readonly byte[] _frameRead = new byte[Chip.FrameTransactionBytes];
        private readonly byte[] _registerWrite = new byte[2];
        private readonly byte[] _registerRead = new byte[2];
        private readonly byte[] _configuration = new byte[Chip.MaxConfigurationBytes];
        private float _scale;
        private float _rateHz;
        private bool _configured;

        public Adxl345Accelerometer(int busId, int chipSelectPin, int clockHz)
        {
            var settings = new SpiConnectionSettings(busId, chipSelectPin);
            settings.Mode = SpiMode.Mode3;
            settings.DataFlow = DataFlow.MsbFirst;
            settings.ClockFrequency = clockHz > Chip.MaxSpiClockHz ? Chip.MaxSpiClockHz : clockHz;
            _spi = SpiDevice.Create(settings);
            _frameWrite[0] = Chip.ReadDataCommand;
        }

        public float SampleRateHz => _rateHz;

        public bool Configure(int rangeG, int outputDataRateHz)
        {
            _configured = false;
            try
            {
                if (ReadRegister(Chip.RegDevId) != Chip.DeviceId)
                {
                    return false;
                }

                int length = Chip.BuildConfiguration(rangeG, outputDataRateHz, Watermark, _configuration);
                if (length < 0)
                {
                    return false;
                }

                for (int i = 0; i < length; i += 2)
                {
                    WriteRegister(_configuration[i], _configuration[i + 1]);
                }

                _scale = Gravity.MetresPerSecondSquaredPerLsb(Chip.LsbPerG(rangeG, true));
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

        /// <summary>One contiguous burst; -1 when the FIFO overran, else the samples read (fewer on a timeout).</summary>
        private int TryBurst(float[] x, float[] y, float[] z, int count)
        {
            // Bypass empties the FIFO, so the window starts with a fresh sample.
            WriteRegister(Chip.RegFifoCtl, Chip.FifoModeBypass);
            WriteRegister(Chip.RegFifoCtl, (byte)(Chip.FifoModeStream | Watermark));

            // Twice the burst's duration plus 100 ms: a sensor that stops producing fails the read instead of hanging.
            long timeoutAt = Environment.TickCount64 + 100 + (long)(2000f * count / _rateHz);
            int filled = 0;
            while (filled < count)
            {
                byte status = ReadRegister(Chip.RegFifoStatus);
                if (Chip.IsFifoFull(status))
                {
                    return -1;
                }

                int entries = Chip.FifoEntries(status);
                if (entries == 0)
                {
                    if (Environment.TickCount64 > timeoutAt)
                    {
                        return filled;
                    }

                    // Below 1 kHz the FIFO takes ≥ 16 ms to reach the watermark: yield instead of spinning.
                    if (_rateHz < 1000f)
                    {
                        Thread.Sleep(1);
                    }

                    continue;
                }

                for (int e = 0; e < entries && filled < count; e++)
                {
                    _spi.TransferFullDuplex(_frameWrite, _frameRead);
                    Chip.DecodeFrame(_frameRead, 1, _scale, x, y, z, filled);
                    filled++;
                }
            }

            return filled;
        }

        private byte ReadRegister(byte register)
        {
            _registerWrite[0] = (byte)(Chip.SpiRead | register);
            _registerWrite[1] = 0;
            _spi.TransferFullDuplex(_registerWrite, _registerRead);
            return _registerRead[1];
        }

        private void WriteRegister(byte register, byte value)
        {
            _registerWrite[0] = register;
            _registerWrite[1] = value;
            _spi.Write(_registerWrite);
        }
    }
}
