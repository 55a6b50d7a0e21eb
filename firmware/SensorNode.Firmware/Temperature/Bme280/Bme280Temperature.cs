using System;
using System.Device.I2c;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.FilteringMode;
using Iot.Device.Bmxx80.PowerMode;
using SensorNode.Core.Hardware;
using UnitsNet;

namespace SensorNode.Firmware.Temperature.Bme280
{
    /// <summary>
    /// BME280 temperature through the nanoFramework binding (<see cref="Iot.Device.Bmxx80.Bme280"/>), in normal mode
    /// (one conversion per second, IIR filter ×4), so a read returns the latest result without waiting. A sensor
    /// that is absent at start-up is looked for again at most once a minute.
    /// </summary>
    public sealed class Bme280Temperature : ITemperatureSensor
    {
        private const long RetryIntervalMs = 60000;

        private readonly int _busId;
        private readonly int _address;
        private Iot.Device.Bmxx80.Bme280 _sensor;
        private long _nextAttemptMs;

        public Bme280Temperature(int busId, int address)
        {
            _busId = busId;
            _address = address;
            TryOpen();
        }

        public bool TryRead(out float celsius)
        {
            celsius = 0f;
            if (_sensor == null && !TryOpen())
            {
                return false;
            }

            try
            {
                if (!_sensor.TryReadTemperature(out UnitsNet.Temperature temperature))
                {
                    return false;
                }

                double value = temperature.DegreesCelsius;
                // The BME280's operating range; anything outside is a bus or calibration fault.
                if (double.IsNaN(value) || value < -40.0 || value > 85.0)
                {
                    return false;
                }

                celsius = (float)value;
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private bool TryOpen()
        {
            long now = Environment.TickCount64;
            if (now < _nextAttemptMs)
            {
                return false;
            }

            _nextAttemptMs = now + RetryIntervalMs;
            try
            {
                var device = I2cDevice.Create(new I2cConnectionSettings(_busId, _address, I2cBusSpeed.StandardMode));
                var sensor = new Iot.Device.Bmxx80.Bme280(device);
                sensor.TemperatureSampling = Sampling.Standard;
                sensor.PressureSampling = Sampling.Skipped;
                sensor.HumiditySampling = Sampling.Skipped;
                sensor.FilterMode = Bmx280FilteringMode.X4;
                sensor.StandbyTime = StandbyTime.Ms1000;
                sensor.SetPowerMode(Bmx280PowerMode.Normal);
                _sensor = sensor;
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
