using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Features;

namespace SensorNode.Core.Tests.Features
{
    [TestClass]
    public class MemoryPlanTests
    {
        [TestMethod]
        public void DefaultPipelineFitsIn48Kilobytes()
        {
            MemoryPlan plan = MemoryPlan.For(new PipelineSettings());
            Assert.IsTrue(plan.FitsIn(MemoryPlan.DefaultBudgetBytes), "default plan " + plan.TotalBytes.ToString() + " bytes");
            Assert.AreEqual(3 * 4 * 2048, plan.SampleBufferBytes);
            Assert.AreEqual(4 * 2048, plan.WorkBufferBytes);
            Assert.AreEqual(48168, plan.TotalBytes, "documented in docs/dsp.md");
        }

        [TestMethod]
        [DataRow(2048, 2048, 512, true)]
        [DataRow(2048, 2048, 0, true)]
        [DataRow(4096, 4096, 512, false)]
        [DataRow(2048, 4096, 512, false)]
        [DataRow(1024, 1024, 1024, true)]
        [DataRow(2048, 2048, 1000, true)]
        public void PlanEqualsWhatThePipelineAllocates(int fftSize, int burst, int currentSamples, bool fits)
        {
            PipelineSettings settings = new PipelineSettings();
            settings.Vibration.FftSize = fftSize;
            settings.Vibration.BurstLength = burst;
            if (currentSamples == 0)
            {
                settings.Current = null;
            }
            else
            {
                settings.Current.SampleCount = currentSamples;
            }

            MemoryPlan plan = MemoryPlan.For(settings);
            MeasurementPipeline pipeline = new MeasurementPipeline(settings);
            Assert.AreEqual(plan.TotalBytes, pipeline.AllocatedBytes);
            Assert.AreEqual(fits, plan.FitsIn(MemoryPlan.DefaultBudgetBytes), "plan " + plan.TotalBytes.ToString());
        }

        [TestMethod]
        public void InvalidSettingsHaveNoPlan()
        {
            PipelineSettings settings = new PipelineSettings();
            settings.Vibration.FftSize = 100;
            Assert.ThrowsException(typeof(ArgumentException), () => MemoryPlan.For(settings));
        }
    }
}
