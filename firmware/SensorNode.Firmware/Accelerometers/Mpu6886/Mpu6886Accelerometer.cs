using System;
using System.Device.I2c;
using System.Threading;
using SensorNode.Core.Hardware;
using SensorNode.Core.Sensors;
using Chip = SensorNode.Core.Sensors.Mpu6886;

namespace SensorNode.Firmware.Accelerometers.Mpu6886
{
    /// <summary>
    /// MPU-6886 (M5Stack IMU) as an accelerometer over I²C at 400 kHz, gyroscope in standby. The FIFO collects 8-byte
    /// frames (acceleration X/Y/Z, temperature); a poll reads the byte count, then whole frames from FIFO_R_W in one
    /// transfer, decoded by <see cref="Chip.DecodeFifo"/>. Allocation-free after construction.
    /// </summary>
    public sealed class Mpu6886Accelerometer : IAccelerometer
    {
        // 64 frames per transfer: 512 bytes, about 13 ms on a 400 kHz bus, well inside the FIFO's 128 ms at 1 kHz.
        private const int MaxFramesPerRead = 64;
        private const int MaxRestarts = 3;

        private readonly I2cDevice _i2c;
        private readonly byte[] _fifoRegister = { Chip.RegFifoReadWrite };
        private readonly byte[] _countRegister = { Chip.RegFifoCountH };
        private readonly byte[] _statusRegister = { Chip.RegIntStatus };
        private readonly byte[] _whoAmIRegister = { Chip.RegWhoAmI };
        private readonly byte[] _two = new byte[2];
        private readonly byte[] _one = new byte[1];
        private readonly byte[] _data = new byte[MaxFramesPerRead * Chip.FifoFrameBytes];
        private readonly byte[] _configuration = new byte[Chip.MaxConfigurationBytes];
        private float _scale;
        private float _rateHz;
        private bool _configured;

        public Mpu6886Accelerometer(int busId, int address)
        {
            _i2c = I2cDevice.Create(new I2cConnectionSettings(busId, address, I2cBusSpeed.FastMode));
        }

        public float SampleRateHz => _rateHz;

        public bool Configure(int rangeG, int outputDataRateHz)
        {
            _configured = false;
            try
            {
                if (_i2c.WriteRead(_whoAmIRegister, _one).Status != I2cTransferStatus.FullTransfer || _one[0] != Chip.WhoAmIValue)
                {
                    return false;
                }

                int length = Chip.BuildConfiguration(rangeG, outputDataRateHz, _configuration);
                if (length < 0)
                {
                    return false;
                }

                for (int i = 0; i < length; i += 2)
                {
                    if (!WriteRegister(_configuration[i], _configuration[i + 1]))
                    {
                        return false;
                    }

                    if (i == 0)
                    {
                        // Waking from sleep: the datasheet's start-up time before further register writes.
                        Thread.Sleep(10);
                    }
                }

                _scale = Gravity.MetresPerSecondSquaredPerLsb(Chip.LsbPerG(rangeG));
                _rateHz = Chip.OutputDataRateHz(Chip.SampleRateDivider(outputDataRateHz));
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
                // A bus error is a failed read.
            }

            return 0;
        }

        private int TryBurst(float[] x, float[] y, float[] z, int count)
        {
            // Reset the FIFO so the window starts now; reading INT_STATUS clears a stale overflow flag.
            if (!WriteRegister(Chip.RegUserControl, Chip.UserControlFifoReset)
                || !WriteRegister(Chip.RegUserControl, Chip.UserControlFifoEnable)
                || _i2c.WriteRead(_statusRegister, _one).Status != I2cTransferStatus.FullTransfer)
            {
                return 0;
            }

            long timeoutAt = Environment.TickCount64 + 100 + (long)(2000f * count / _rateHz);
            int filled = 0;
            while (filled < count)
            {
                if (_i2c.WriteRead(_statusRegister, _one).Status != I2cTransferStatus.FullTransfer)
                {
                    return filled;
                }

                if (Chip.IsFifoOverflow(_one[0]))
                {
                    return -1;
                }

                if (_i2c.WriteRead(_countRegister, _two).Status != I2cTransferStatus.FullTransfer)
                {
                    return filled;
                }

                int frames = Chip.FifoCount(_two[0], _two[1]) / Chip.FifoFrameBytes;
                if (frames == 0)
                {
                    if (Environment.TickCount64 > timeoutAt)
                    {
                        return filled;
                    }

                    Thread.Sleep(5);
                    continue;
                }

                if (frames > MaxFramesPerRead)
                {
                    frames = MaxFramesPerRead;
                }

                if (frames > count - filled)
                {
                    frames = count - filled;
                }

                int bytes = frames * Chip.FifoFrameBytes;
                if (_i2c.WriteRead(_fifoRegister, new SpanByte(_data, 0, bytes)).Status != I2cTransferStatus.FullTransfer)
                {
                    return filled;
                }

                filled += Chip.DecodeFifo(_data, 0, bytes, _scale, x, y, z, filled, count - filled);
            }

            return filled;
        }

        private bool WriteRegister(byte register, byte value)
        {
            _two[0] = register;
            _two[1] = value;
            return _i2c.Write(_two).Status == I2cTransferStatus.FullTransfer;
        }
    }
}
