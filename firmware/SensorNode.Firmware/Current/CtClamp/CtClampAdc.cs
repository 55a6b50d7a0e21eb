using System;
using System.Device.Adc;
using nanoFramework.Hardware.Esp32;
using SensorNode.Core.Hardware;
using SensorNode.Core.Sensors;

namespace SensorNode.Firmware.Current.CtClamp
{
    /// <summary>
    /// The CT clamp's burden voltage on an ADC1 channel (ADC2 is unusable while Wi-Fi is on). System.Device.Adc has
    /// no timed or DMA sampling, so a burst is paced in software: each conversion waits, busy, for its deadline
    /// (start + i/rate, <see cref="PacedSampling"/>) on the µs HighResTimer, and the achieved rate is measured from the
    /// first and last conversion times. Allocation-free after construction.
    /// </summary>
    public sealed class CtClampAdc : ICurrentAdc
    {
        private readonly AdcChannel _channel;
        private readonly int _maxCode;

        /// <param name="channel">nanoFramework logical ADC channel (0–7 on the ESP32 = GPIO 36, 37, 38, 39, 32, 33, 34, 35).</param>
        public CtClampAdc(int channel)
        {
            var controller = new AdcController();
            _channel = controller.OpenChannel(channel);
            _maxCode = controller.MaxValue;
        }

        public int MaxCode => _maxCode;

        /// <summary>Conversions of the last burst that started more than one period late (thread switch, GC).</summary>
        public int LateSamples { get; private set; }

        public int ReadBurst(ushort[] codes, int count, int targetRateHz, out float achievedRateHz)
        {
            achievedRateHz = 0f;
            if (codes == null || count < 2 || count > codes.Length || targetRateHz <= 0)
            {
                return 0;
            }

            try
            {
                int late = 0;
                ulong first = 0;
                ulong last = 0;
                ulong start = HighResTimer.GetCurrent();
                for (int i = 0; i < count; i++)
                {
                    ulong due = PacedSampling.DeadlineMicroseconds(start, i, targetRateHz);
                    ulong now = HighResTimer.GetCurrent();
                    while (now < due)
                    {
                        now = HighResTimer.GetCurrent();
                    }

                    if (PacedSampling.IsLate(due, now, targetRateHz))
                    {
                        late++;
                    }

                    int code = _channel.ReadValue();
                    codes[i] = (ushort)(code < 0 ? 0 : (code > _maxCode ? _maxCode : code));
                    if (i == 0)
                    {
                        first = now;
                    }

                    last = now;
                }

                LateSamples = late;
                achievedRateHz = PacedSampling.AchievedRateHz(first, last, count);
                return count;
            }
            catch (Exception)
            {
                return 0;
            }
        }
    }
}
