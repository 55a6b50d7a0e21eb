using System.Text;
using nanoFramework.TestFramework;
using SensorNode.Core.Sensors;

namespace SensorNode.Core.Tests.Sensors
{
    /// <summary>The firmware's reading of a board profile (the files under boards/ are checked by SensorNode.Boards.Tests).</summary>
    [TestClass]
    public class BoardProfileTests
    {
        private const string SpiBoard =
            "{\"id\":\"test-board\",\"chip\":\"esp32\",\"network\":{\"primary\":\"wifi\",\"wifi\":true,\"ethernet\":false}," +
            "\"buses\":{\"spi\":[{\"id\":1,\"mosi\":23,\"miso\":19,\"clock\":18}],\"i2c\":[{\"id\":1,\"sda\":21,\"scl\":22},{\"id\":2,\"sda\":32,\"scl\":33}]}," +
            "\"accelerometer\":{\"type\":\"adxl345\",\"bus\":\"spi\",\"busId\":1,\"chipSelect\":5,\"spiClockHz\":5000000}," +
            "\"temperature\":{\"type\":\"bme280\",\"busId\":2,\"address\":118}," +
            "\"current\":{\"type\":\"ct-clamp\",\"gpio\":34,\"adcChannel\":6}," +
            "\"statusLed\":{\"gpio\":2,\"activeHigh\":false}," +
            "\"provisioningSerial\":{\"port\":\"COM2\",\"tx\":17,\"rx\":16,\"baud\":115200}," +
            "\"defaults\":{\"accelRangeG\":4,\"sampleRateHz\":3200,\"fftSize\":2048,\"currentSampleRateHz\":2000}}";

        private static BoardProfile Parse(string json, out string error)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            return BoardProfile.Parse(bytes, bytes.Length, out error);
        }

        [TestMethod]
        public void ReadsWiringOfAnSpiAccelerometerBoard()
        {
            BoardProfile board = Parse(SpiBoard, out string error);

            Assert.IsNotNull(board, error);
            Assert.AreEqual("test-board", board.Id);
            Assert.AreEqual("esp32", board.Chip);
            Assert.AreEqual("wifi", board.Network);
            Assert.AreEqual(BoardProfile.AccelerometerAdxl345, board.AccelerometerType);
            Assert.IsTrue(board.AccelerometerOnSpi);
            Assert.AreEqual(5, board.AccelerometerChipSelect);
            Assert.AreEqual(23, board.SpiMosi);
            Assert.AreEqual(19, board.SpiMiso);
            Assert.AreEqual(18, board.SpiClock);
            Assert.AreEqual(5000000, board.AccelerometerSpiClockHz);
            Assert.AreEqual(BoardProfile.TemperatureBme280, board.TemperatureType);
            Assert.AreEqual(2, board.TemperatureBusId);
            Assert.AreEqual(32, board.TemperatureSda);
            Assert.AreEqual(33, board.TemperatureScl);
            Assert.AreEqual(118, board.TemperatureAddress);
            Assert.IsTrue(board.HasCurrent);
            Assert.AreEqual(6, board.CurrentAdcChannel);
            Assert.AreEqual(2, board.LedGpio);
            Assert.IsFalse(board.LedActiveHigh);
            Assert.AreEqual("COM2", board.SerialPort);
            Assert.AreEqual(17, board.SerialTx);
            Assert.AreEqual(16, board.SerialRx);
            Assert.AreEqual(3200, board.DefaultSampleRateHz);
            Assert.AreEqual(2048, board.DefaultFftSize);
        }

        [TestMethod]
        public void ReadsAnI2cAccelerometerAndMissingParts()
        {
            string json = "{\"id\":\"m5\",\"chip\":\"esp32\",\"network\":{\"primary\":\"wifi\"}," +
                "\"buses\":{\"i2c\":[{\"id\":1,\"sda\":21,\"scl\":22}]}," +
                "\"accelerometer\":{\"type\":\"mpu6886\",\"bus\":\"i2c\",\"busId\":1,\"address\":104}}";

            BoardProfile board = Parse(json, out string error);

            Assert.IsNotNull(board, error);
            Assert.IsFalse(board.AccelerometerOnSpi);
            Assert.AreEqual(104, board.AccelerometerAddress);
            Assert.AreEqual(21, board.AccelerometerSda);
            Assert.AreEqual(-1, board.SpiMosi);
            Assert.IsNull(board.TemperatureType);
            Assert.IsFalse(board.HasCurrent);
            Assert.AreEqual(-1, board.LedGpio);
            Assert.IsNull(board.SerialPort);
        }

        [TestMethod]
        public void RejectsAnAdcChannelThatIsNotOnTheNamedPin()
        {
            string json = SpiBoard.Substring(0, SpiBoard.IndexOf("\"adcChannel\":6")) + "\"adcChannel\":7" +
                SpiBoard.Substring(SpiBoard.IndexOf("\"adcChannel\":6") + 14);

            Assert.IsNull(Parse(json, out string error));
            Assert.IsTrue(error.IndexOf("adcChannel") >= 0, error);
        }

        [TestMethod]
        public void RejectsABusTheProfileDoesNotDeclare()
        {
            string json = SpiBoard.Substring(0, SpiBoard.IndexOf("\"busId\":2")) + "\"busId\":3" +
                SpiBoard.Substring(SpiBoard.IndexOf("\"busId\":2") + 9);

            Assert.IsNull(Parse(json, out string error));
            Assert.IsTrue(error.IndexOf("temperature.busId") >= 0, error);
        }

        [TestMethod]
        public void RejectsMalformedOrIncompleteProfiles()
        {
            Assert.IsNull(Parse("{\"id\":\"x\",", out string error));
            Assert.IsTrue(error.IndexOf("not valid JSON") >= 0, error);
            Assert.IsNull(Parse("[1,2]", out error));
            Assert.IsNull(Parse("{\"id\":\"x\",\"chip\":\"esp32\"}", out error));
            Assert.IsTrue(error.IndexOf("network.primary") >= 0, error);
        }
    }
}
