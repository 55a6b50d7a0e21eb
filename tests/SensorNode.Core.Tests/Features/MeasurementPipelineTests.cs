using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Features;
using SensorNode.Core.Tests.Dsp;
using SensorNode.Core.Vibration;

namespace SensorNode.Core.Tests.Features
{
    [TestClass]
    public class MeasurementPipelineTests
    {
        [TestMethod]
        public void OneWindowFillsEveryChannel()
        {
            PipelineSettings settings = new PipelineSettings();
            MeasurementPipeline pipeline = new MeasurementPipeline(settings);
            MeasurementRecord record = new MeasurementRecord();
            record.Status = MeasurementRecord.StatusClockNotSynced;
            pipeline.Measure(new SyntheticAccelerometer(2048, 3200f), new FixedTemperature(), new SineCurrentAdc(settings.Current), 10000, record);

            Assert.AreEqual(MeasurementRecord.StatusClockNotSynced, record.Status, "sensor bits clear, clock bit untouched");
            Assert.AreEqual(3, record.AxisCount);
            Assert.IsTrue(SignalGenerator.Near(record.VelocityRms[0], 4f, 0.04f), SignalGenerator.Describe("x velocity", record.VelocityRms[0], 4f));
            Assert.IsTrue(SignalGenerator.Near(record.VelocityRms[1], 1f, 0.01f), SignalGenerator.Describe("y velocity", record.VelocityRms[1], 1f));
            Assert.IsTrue(record.VelocityRms[2] < 1e-4f, "gravity alone has no velocity");
            Assert.IsTrue(SignalGenerator.Near(record.Mean[2], 9.80665f, 1e-3f), "z keeps gravity as DC");
            Assert.AreEqual(IsoZoneLimits.ZoneC, record.IsoZone[0], "4 mm/s: group 2 rigid zone C");
            Assert.AreEqual(IsoZoneLimits.ZoneA, record.IsoZone[1]);
            Assert.IsTrue(SignalGenerator.Near(record.ShaftSpeedHz, 24.7f, 0.05f), SignalGenerator.Describe("shaft", record.ShaftSpeedHz, 24.7f));
            Assert.IsTrue(SignalGenerator.Near(record.TemperatureC, 41.5f, 1e-4f));
            Assert.IsTrue(record.HasCurrent);
            Assert.IsTrue(SignalGenerator.Near(record.CurrentRms, 10f, 0.1f), "current");
            Assert.IsTrue(record.Running);
            Assert.IsTrue(record.EnergyKwh > 0.0);
        }

        [TestMethod]
        public void FailingSensorsSetTheirStatusBits()
        {
            PipelineSettings settings = new PipelineSettings();
            MeasurementPipeline pipeline = new MeasurementPipeline(settings);
            SyntheticAccelerometer accelerometer = new SyntheticAccelerometer(2048, 3200f);
            accelerometer.ShortRead = 100;
            FixedTemperature temperature = new FixedTemperature();
            temperature.Fail = true;
            SineCurrentAdc adc = new SineCurrentAdc(settings.Current);
            adc.Fail = true;
            MeasurementRecord record = new MeasurementRecord();
            pipeline.Measure(accelerometer, temperature, adc, 10000, record);

            Assert.AreEqual(MeasurementRecord.StatusAccelerometerFailed | MeasurementRecord.StatusTemperatureFailed | MeasurementRecord.StatusCurrentFailed, record.Status);
            Assert.AreEqual(0, record.AxisCount);
            Assert.IsFalse(record.HasCurrent);

            // Recovery clears the bits again.
            accelerometer.ShortRead = -1;
            temperature.Fail = false;
            adc.Fail = false;
            pipeline.Measure(accelerometer, temperature, adc, 10000, record);
            Assert.AreEqual(0, record.Status);
            Assert.AreEqual(3, record.AxisCount);
        }

        [TestMethod]
        public void AbsentSensorsAreNotFailures()
        {
            PipelineSettings settings = new PipelineSettings();
            settings.Current = null;
            settings.AxisCount = 1;
            MeasurementPipeline pipeline = new MeasurementPipeline(settings);
            MeasurementRecord record = new MeasurementRecord();
            pipeline.Measure(new SyntheticAccelerometer(2048, 3200f), null, null, 1000, record);
            Assert.AreEqual(0, record.Status);
            Assert.AreEqual(1, record.AxisCount);
            Assert.IsFalse(record.HasCurrent);
            Assert.AreEqual(0f, record.VelocityRms[1], "axis not analyzed");
            Assert.IsNull(pipeline.CurrentCodes);
        }

        [TestMethod]
        public void TemperatureSpikeKeepsTheSmoothedValueWithoutAFailure()
        {
            MeasurementPipeline pipeline = new MeasurementPipeline(new PipelineSettings());
            MeasurementRecord record = new MeasurementRecord();
            Assert.IsTrue(pipeline.AnalyzeTemperature(true, 30f, record));
            Assert.IsFalse(pipeline.AnalyzeTemperature(true, 80f, record));
            Assert.AreEqual(0, record.Status);
            Assert.AreEqual(30f, record.TemperatureC);
            Assert.IsFalse(pipeline.AnalyzeTemperature(true, 300f, record));
            Assert.AreEqual(MeasurementRecord.StatusTemperatureFailed, record.Status);
        }

        [TestMethod]
        public void CallerFilledBuffersGiveTheSameResultAsMeasure()
        {
            PipelineSettings settings = new PipelineSettings();
            settings.Current = null;
            MeasurementPipeline pipeline = new MeasurementPipeline(settings);
            SyntheticAccelerometer accelerometer = new SyntheticAccelerometer(2048, 3200f);
            MeasurementRecord viaMeasure = new MeasurementRecord();
            pipeline.Measure(accelerometer, null, null, 0, viaMeasure);

            MeasurementRecord direct = new MeasurementRecord();
            int read = accelerometer.ReadBurst(pipeline.AxisBuffer(0), pipeline.AxisBuffer(1), pipeline.AxisBuffer(2), pipeline.BurstLength);
            Assert.IsTrue(pipeline.AnalyzeVibration(read, accelerometer.SampleRateHz, direct));
            for (int axis = 0; axis < 3; axis++)
            {
                Assert.AreEqual(viaMeasure.VelocityRms[axis], direct.VelocityRms[axis]);
                Assert.AreEqual(viaMeasure.Kurtosis[axis], direct.Kurtosis[axis]);
            }
        }

        [TestMethod]
        public void InvalidSettingsNameTheSection()
        {
            PipelineSettings settings = new PipelineSettings();
            settings.Current.SampleCount = 100;
            Assert.IsTrue(settings.Validate().StartsWith("current:"));
            Assert.ThrowsException(typeof(ArgumentException), () => new MeasurementPipeline(settings));
            settings = new PipelineSettings();
            settings.Vibration.WelchOverlap = 0.9f;
            Assert.IsTrue(settings.Validate().StartsWith("vibration:"));
            settings = new PipelineSettings();
            settings.AxisCount = 4;
            Assert.IsNotNull(settings.Validate());
        }
    }
}
