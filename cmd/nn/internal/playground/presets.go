package playground

// presets.go: one button per section of the notes, each a configuration
// that shows what the section says.

// Presets returns the presets, in the order of the notes.
func Presets() []Preset {
	base := func(f func(c *Config)) Config {
		c := DefaultConfig()
		f(&c)
		if err := c.normalize(); err != nil {
			panic("playground: preset: " + err.Error())
		}
		return c
	}
	perceptron := func(kind string) Config {
		return base(func(c *Config) {
			c.Data.Kind, c.Hidden, c.Perceptron, c.Training.Eta = kind, []Layer{}, true, 1
		})
	}
	xor221 := func(c *Config) {
		c.Data.Kind, c.Hidden = "xor4", []Layer{{2, "sigmoid"}}
		c.Output = Output{"sigmoid", "mse"}
		c.Training.Eta, c.Training.Seed = 2, 17
	}
	deep := func(act, init string) Config {
		return base(func(c *Config) {
			c.Data.Kind, c.Data.Points = "circles", 300
			c.Hidden = []Layer{{8, act}, {8, act}, {8, act}, {8, act}, {8, act}, {8, act}}
			c.Training.Eta, c.Training.Batch, c.Training.Init = 0.1, 10, init
		})
	}
	return []Preset{
		{ID: "s1-and", Section: "§1", Title: "Perceptron on AND",
			Text:   "One step unit, w ← w + η(y − ŷ)x on each mistake. AND is linearly separable: the line settles after a few updates and an epoch passes without a mistake (the convergence theorem).",
			Config: perceptron("and")},
		{ID: "s1-xor", Section: "§1", Title: "Perceptron on XOR",
			Text:   "The same rule on XOR: no line separates (0,1) and (1,0) from (0,0) and (1,1), so every epoch makes a mistake and the line never stops moving: not converged.",
			Config: perceptron("xor4")},
		{ID: "s8-xor", Section: "§8", Title: "XOR with a 2-2-1 network",
			Text:   "Two sigmoid hidden units, squared error, batch gradient descent with η = 2 from seed 17, as `nn xor` runs it. The hidden units learn two lines (their truth tables: OR and NAND) and the output their AND.",
			Config: base(xor221)},
		{ID: "s9-worked", Section: "§9", Title: "The worked example",
			Text: "The 2-2-1 sigmoid network of §9 with its weights, x = (1, 0.5), y = 1, squared error, η = 0.5. Click the point: the inspector shows every number of the worked example.",
			Config: base(func(c *Config) {
				xor221(c)
				c.Data.Kind, c.Training.Init, c.Training.Eta = "worked", "worked-example", 0.5
			})},
		{ID: "s11-sigmoid", Section: "§11", Title: "Deep sigmoid network: vanishing gradients",
			Text:   "Six sigmoid layers of 8 units. The gradient norm bars fall by orders of magnitude from the last layer to the first (σ′ ≤ ¼ at every layer), and training crawls.",
			Config: deep("sigmoid", "xavier")},
		{ID: "s11-relu", Section: "§11", Title: "The same with ReLU",
			Text:   "The same six layers with ReLU and He initialization: the gradient reaches the first layer, and the circles are learned.",
			Config: deep("relu", "he")},
		{ID: "s12-sigmoids", Section: "§12", Title: "N sigmoids approximate a curve",
			Text: "One hidden layer of 12 steep sigmoids set by hand (nn.StepSum): each is a step at the middle of an interval, and their sum is a staircase within about 1/N of sin x + 0.3 sin 3x. Play to let gradient descent smooth it; change the units to see the error follow N.",
			Config: base(func(c *Config) {
				c.Data.Kind, c.Data.Points, c.Data.Noise, c.Data.TestShare = "sin", 100, 0, 0.2
				c.Hidden, c.Training.Init, c.Training.Optimizer, c.Training.Eta = []Layer{{12, "sigmoid"}}, "stepsum", "adam", 0.003
			})},
		{ID: "s13-sawtooth", Section: "§13", Title: "The sawtooth: depth",
			Text: "k = 3 layers of 2 ReLU units compute the 8-piece sawtooth exactly (nn.Sawtooth): the loss starts at 0. One hidden layer would need 2ᵏ units. Set init to he and reset: training from random weights rarely finds it.",
			Config: base(func(c *Config) {
				c.Data.Kind, c.Data.Points, c.Data.Noise, c.Data.TestShare, c.Data.K = "sawtooth", 200, 0, 0.2, 3
				c.Hidden, c.Training.Init, c.Training.Optimizer, c.Training.Eta = []Layer{{2, "relu"}, {2, "relu"}, {2, "relu"}}, "sawtooth", "adam", 0.01
			})},
	}
}
