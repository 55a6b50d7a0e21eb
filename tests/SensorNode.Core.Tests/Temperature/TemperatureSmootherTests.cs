using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Temperature;
using SensorNode.Core.Tests.Dsp;

namespace SensorNode.Core.Tests.Temperature
{
    [TestClass]
    public class TemperatureSmootherTests
    {
        [TestMethod]
        public void FirstReadingIsTakenAsIsThenSmoothed()
        {
            TemperatureSmoother s = new TemperatureSmoother(new TemperatureSettings());
            Assert.IsFalse(s.HasValue);
            Assert.IsTrue(s.Add(40f));
            Assert.AreEqual(40f, s.Value);
            Assert.IsTrue(s.Add(42f));
            Assert.IsTrue(SignalGenerator.Near(s.Value, 40.6f, 1e-5f), "EMA with alpha 0.3");
        }

        [TestMethod]
        public void ConvergesToASteadyReading()
        {
            TemperatureSmoother s = new TemperatureSmoother(new TemperatureSettings());
            s.Add(20f);
            for (int i = 0; i < 40; i++)
            {
                s.Add(24f);
            }

            Assert.IsTrue(SignalGenerator.Near(s.Value, 24f, 1e-3f), "value " + s.Value.ToString("F4"));
        }

        [TestMethod]
        public void SingleSpikeIsHeldBack()
        {
            TemperatureSmoother s = new TemperatureSmoother(new TemperatureSettings());
            s.Add(35f);
            Assert.IsFalse(s.Add(85f), "a 50 °C jump in one reading is a spike");
            Assert.AreEqual(35f, s.Value);
            Assert.IsFalse(s.LastWasInvalid);
            Assert.IsTrue(s.Add(35.5f));
            Assert.AreEqual(1, s.Rejected);
        }

        [TestMethod]
        public void PersistentStepIsAcceptedAfterTheConfirmCount()
        {
            TemperatureSettings settings = new TemperatureSettings();
            settings.SpikeConfirmCount = 3;
            TemperatureSmoother s = new TemperatureSmoother(settings);
            s.Add(20f);
            Assert.IsFalse(s.Add(60f));
            Assert.IsFalse(s.Add(61f));
            Assert.IsTrue(s.Add(61.5f), "third reading in a row on the same side");
            Assert.AreEqual(61.5f, s.Value);
        }

        [TestMethod]
        public void AlternatingSpikesNeverConfirm()
        {
            TemperatureSmoother s = new TemperatureSmoother(new TemperatureSettings());
            s.Add(20f);
            for (int i = 0; i < 10; i++)
            {
                Assert.IsFalse(s.Add((i & 1) == 0 ? 60f : -20f));
            }

            Assert.AreEqual(20f, s.Value);
        }

        [TestMethod]
        [DataRow(float.NaN)]
        [DataRow(float.PositiveInfinity)]
        [DataRow(-60f)]
        [DataRow(200f)]
        public void InvalidReadingsAreRejected(float reading)
        {
            TemperatureSmoother s = new TemperatureSmoother(new TemperatureSettings());
            Assert.IsFalse(s.Add(reading));
            Assert.IsTrue(s.LastWasInvalid);
            Assert.IsFalse(s.HasValue);
        }

        [TestMethod]
        public void InvalidSettingsAreRejected()
        {
            TemperatureSettings settings = new TemperatureSettings();
            settings.Alpha = 0f;
            Assert.ThrowsException(typeof(ArgumentException), () => new TemperatureSmoother(settings));
            settings = new TemperatureSettings();
            settings.MaximumC = -50f;
            Assert.IsNotNull(settings.Validate());
        }
    }
}
