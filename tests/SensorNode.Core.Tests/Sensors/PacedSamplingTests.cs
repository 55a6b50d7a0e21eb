using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Sensors;

namespace SensorNode.Core.Tests.Sensors
{
    [TestClass]
    public class PacedSamplingTests
    {
        [TestMethod]
        public void DeadlinesDoNotAccumulateRounding()
        {
            // 3 kHz: a 333 µs integer period would drift 1 µs per 3 samples; deadlines from the start do not
            Assert.AreEqual(1333UL, PacedSampling.DeadlineMicroseconds(1000, 1, 3000));
            Assert.AreEqual(2000UL, PacedSampling.DeadlineMicroseconds(1000, 3, 3000));
            Assert.AreEqual(1001000UL, PacedSampling.DeadlineMicroseconds(1000, 3000, 3000));
            Assert.AreEqual(1000UL, PacedSampling.DeadlineMicroseconds(1000, 0, 3000));
        }

        [TestMethod]
        public void AchievedRateFromFirstAndLastTimestamps()
        {
            Assert.IsTrue(Math.Abs(PacedSampling.AchievedRateHz(0, 999500, 2000) - 2000f) < 0.01f);
            Assert.IsTrue(Math.Abs(PacedSampling.AchievedRateHz(5000, 1004000, 1000) - 1000f) < 0.01f);
            Assert.AreEqual(0f, PacedSampling.AchievedRateHz(10, 10, 100));
            Assert.AreEqual(0f, PacedSampling.AchievedRateHz(0, 100, 1));
        }

        [TestMethod]
        public void LateMeansMoreThanOnePeriodBehind()
        {
            Assert.IsFalse(PacedSampling.IsLate(1000, 1400, 2000));
            Assert.IsFalse(PacedSampling.IsLate(1000, 1500, 2000));
            Assert.IsTrue(PacedSampling.IsLate(1000, 1501, 2000));
            Assert.IsFalse(PacedSampling.IsLate(1000, 900, 2000));
        }
    }
}
