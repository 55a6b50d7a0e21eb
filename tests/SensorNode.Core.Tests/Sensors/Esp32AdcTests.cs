using nanoFramework.TestFramework;
using SensorNode.Core.Sensors;

namespace SensorNode.Core.Tests.Sensors
{
    /// <summary>nanoFramework's logical ADC channel map (nf-interpreter ESP32 device mapping).</summary>
    [TestClass]
    public class Esp32AdcTests
    {
        [TestMethod]
        [DataRow(0, 36)]
        [DataRow(3, 39)]
        [DataRow(4, 32)]
        [DataRow(6, 34)]
        [DataRow(7, 35)]
        [DataRow(10, 4)]
        [DataRow(11, 0)]
        [DataRow(17, 27)]
        [DataRow(19, 26)]
        public void Esp32ChannelPins(int channel, int gpio)
        {
            Assert.AreEqual(gpio, Esp32Adc.GpioOfChannel(Esp32Adc.ChipEsp32, channel));
            Assert.AreEqual(channel, Esp32Adc.ChannelOfGpio(Esp32Adc.ChipEsp32, gpio));
        }

        [TestMethod]
        public void InternalChannelsHaveNoPin()
        {
            Assert.AreEqual(-1, Esp32Adc.GpioOfChannel(Esp32Adc.ChipEsp32, 8));
            Assert.AreEqual(-1, Esp32Adc.GpioOfChannel(Esp32Adc.ChipEsp32, 9));
            Assert.AreEqual(-1, Esp32Adc.GpioOfChannel(Esp32Adc.ChipEsp32, 20));
            Assert.AreEqual(-1, Esp32Adc.ChannelOfGpio(Esp32Adc.ChipEsp32, 21));
            Assert.AreEqual(-1, Esp32Adc.GpioOfChannel("esp8266", 0));
        }

        [TestMethod]
        public void S3ChannelsSitOnGpioOneToTwenty()
        {
            Assert.AreEqual(1, Esp32Adc.GpioOfChannel(Esp32Adc.ChipEsp32S3, 0));
            Assert.AreEqual(4, Esp32Adc.GpioOfChannel(Esp32Adc.ChipEsp32S3, 3));
            Assert.AreEqual(11, Esp32Adc.GpioOfChannel(Esp32Adc.ChipEsp32S3, 10));
            Assert.AreEqual(19, Esp32Adc.ChannelOfGpio(Esp32Adc.ChipEsp32S3, 20));
        }

        [TestMethod]
        public void Adc2IsChannelsTenToNineteen()
        {
            Assert.IsFalse(Esp32Adc.IsAdc2Channel(9));
            Assert.IsTrue(Esp32Adc.IsAdc2Channel(10));
            Assert.IsTrue(Esp32Adc.IsAdc2Channel(19));
            Assert.IsFalse(Esp32Adc.IsAdc2Channel(20));
            Assert.IsTrue(Esp32Adc.IsAdc2Channel(Esp32Adc.ChannelOfGpio(Esp32Adc.ChipEsp32, 25)));
        }
    }
}
