/* Loaded before the first paint (not deferred): styles can then draw what the
   other scripts will do, such as the folded menu, so nothing moves when they run. */
document.documentElement.classList.add("js");
