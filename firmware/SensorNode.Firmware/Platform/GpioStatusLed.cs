using System.Device.Gpio;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Platform
{
    /// <summary>The status LED on a GPIO (active high or low, from the board profile).</summary>
    public sealed class GpioStatusLed : IStatusLed
    {
        private readonly GpioPin _pin;
        private readonly bool _activeHigh;

        public GpioStatusLed(GpioController gpio, int pin, bool activeHigh)
        {
            _activeHigh = activeHigh;
            _pin = gpio.OpenPin(pin, PinMode.Output);
            Set(false);
        }

        public void Set(bool on)
        {
            _pin.Write(on == _activeHigh ? PinValue.High : PinValue.Low);
        }
    }
}
